//! Task progress, products and narrative: known task ids, valid statuses, known sections.

use super::at;
use super::identity::Identity;
use crate::diag::{Code, Diagnostic};
use crate::report::{ProductReport, SECTIONS, Status, TaskProgress};
use crate::submission::{Located, Submission};
use crate::workspace::Workspace;

type Checked = (Vec<TaskProgress>, Vec<ProductReport>, Vec<(String, String)>);

fn status(
    sub: &Submission,
    s: &Option<Located<String>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Status> {
    let s = s.as_ref()?;
    let parsed = Status::parse(&s.value);
    if parsed.is_none() {
        let allowed: Vec<&str> = Status::ALL.iter().map(|st| st.label()).collect();
        diags.push(
            at(
                sub,
                Code::E118,
                &s.span,
                Some(s.value.clone()),
                format!("tình trạng «{}» không hợp lệ", s.value),
            )
            .with_hint(format!("chỉ được dùng: {}", allowed.join(", "))),
        );
    }
    parsed
}

pub(crate) fn check(
    ws: &Workspace,
    id: &Identity,
    sub: &Submission,
    diags: &mut Vec<Diagnostic>,
) -> Checked {
    let plan = ws.plan(id.period.year_number());
    let mut tasks = Vec::new();
    for t in &sub.tasks {
        let known = plan.is_some_and(|p| p.tasks().any(|pt| pt.id == t.id.value));
        if !known {
            let hint = match plan {
                Some(p) => format!(
                    "mã nhiệm vụ lấy từ danh sách nhiệm vụ của kế hoạch năm {} (data/plans/{}.yaml)",
                    p.year, p.year
                ),
                None => format!(
                    "chưa có kế hoạch năm {} (data/plans/{}.yaml)",
                    id.period.year_number(),
                    id.period.year_number()
                ),
            };
            diags.push(
                at(
                    sub,
                    Code::E117,
                    &t.id.span,
                    Some(t.id.value.clone()),
                    format!("nhiệm vụ «{}» không có trong kế hoạch", t.id.value),
                )
                .with_hint(hint),
            );
            continue;
        }
        tasks.push(TaskProgress {
            id: t.id.value.clone(),
            status: status(sub, &t.status, diags),
            result: t.result.clone(),
            documents: t.documents.clone(),
            file: sub.file.clone(),
            span: t.id.span.clone(),
        });
    }
    let products = sub
        .products
        .iter()
        .map(|p| ProductReport {
            name: p.name.value.clone(),
            status: status(sub, &p.status, diags),
            note: p.note.clone(),
        })
        .collect();
    let mut narrative = Vec::new();
    for n in &sub.narrative {
        if SECTIONS.iter().any(|(k, _)| *k == n.section.value) {
            narrative.push((n.section.value.clone(), n.text.clone()));
        } else {
            let keys: Vec<&str> = SECTIONS.iter().map(|(k, _)| *k).collect();
            diags.push(
                at(
                    sub,
                    Code::E119,
                    &n.section.span,
                    Some(n.section.value.clone()),
                    format!(
                        "mục thuyết minh «{}» không có trong đề cương báo cáo",
                        n.section.value
                    ),
                )
                .with_hint(format!("dùng một trong các mục: {}", keys.join(", "))),
            );
        }
    }
    (tasks, products, narrative)
}
