//! Two versions of one unit's submission, in any mix of YAML and XLSX: values keyed by
//! indicator code and tasks by id, changes shown as `old -> new`.

use serde::Serialize;

use crate::submission::{Raw, Submission, Value};

/// What happened to one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Only in the second version.
    Added,
    /// Only in the first version.
    Removed,
    /// In both, different.
    Changed,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Added, removed or changed.
    pub kind: Kind,
    /// "kts.kts_grdp", or "nhiệm vụ A.I.1 › tình trạng".
    pub key: String,
    /// Old text.
    pub old: Option<String>,
    /// New text.
    pub new: Option<String>,
}

impl Change {
    /// `~ key: old -> new`, `+ key: new`, `- key: old`.
    pub fn line(&self) -> String {
        let (o, n) = (
            self.old.as_deref().unwrap_or(""),
            self.new.as_deref().unwrap_or(""),
        );
        match self.kind {
            Kind::Added => format!("+ {}: {n}", self.key),
            Kind::Removed => format!("- {}: {o}", self.key),
            Kind::Changed => format!("~ {}: {o} -> {n}", self.key),
        }
    }
}

/// A raw value as comparable text: numbers exact and Vietnamese-formatted, so that 1126 in
/// YAML equals the cell 1126 in Excel and "1.126" typed as text.
fn show(r: &Raw) -> String {
    match r.number() {
        Ok((v, _)) => crate::number::format(
            v,
            crate::number::Style {
                decimals: v.scale(),
                trim: true,
                ..Default::default()
            },
        ),
        Err(_) => match r {
            Raw::Missing => "(trống)".to_string(),
            other => other.display(),
        },
    }
}

fn value_text(v: &Value) -> String {
    if let Some(n) = &v.not_assessed {
        return format!("chưa đánh giá ({})", n.value);
    }
    let mut s = show(&v.main.value);
    if let Some(d) = &v.denominator {
        s = format!("{s}/{}", show(&d.value));
    }
    s
}

/// The differences from `a` to `b`.
pub fn diff(a: &Submission, b: &Submission) -> Vec<Change> {
    let mut out = Vec::new();
    let mut push = |key: String, old: Option<String>, new: Option<String>| {
        let kind = match (&old, &new) {
            (None, Some(_)) => Kind::Added,
            (Some(_), None) => Kind::Removed,
            (Some(o), Some(n)) if o != n => Kind::Changed,
            _ => return,
        };
        out.push(Change {
            kind,
            key,
            old,
            new,
        });
    };
    let meta = |s: &Submission| {
        [
            ("đơn vị", s.unit.as_ref().map(|u| u.value.clone())),
            ("kỳ báo cáo", s.period.as_ref().map(|p| p.value.clone())),
            (
                "ngày chốt số liệu",
                s.as_of.as_ref().map(|a| show(&a.value)),
            ),
        ]
    };
    for ((key, old), (_, new)) in meta(a).into_iter().zip(meta(b)) {
        push(key.to_string(), old, new);
    }
    let codes = ordered_union(
        a.entries.iter().map(|e| e.code.value.as_str()),
        b.entries.iter().map(|e| e.code.value.as_str()),
    );
    for code in codes {
        let find = |s: &Submission| {
            s.entries
                .iter()
                .find(|e| e.code.value == code)
                .map(|e| value_text(&e.value))
        };
        push(code.to_string(), find(a), find(b));
    }
    let ids = ordered_union(
        a.tasks.iter().map(|t| t.id.value.as_str()),
        b.tasks.iter().map(|t| t.id.value.as_str()),
    );
    for id in ids {
        let find = |s: &Submission| s.tasks.iter().find(|t| t.id.value == id).cloned();
        let (ta, tb) = (find(a), find(b));
        let status = |t: &Option<crate::submission::TaskReport>| {
            t.as_ref().map(|t| {
                t.status.as_ref().map_or_else(String::new, |s| {
                    crate::report::Status::parse(&s.value)
                        .map_or(s.value.clone(), |st| st.label().to_string())
                })
            })
        };
        let result = |t: &Option<crate::submission::TaskReport>| {
            t.as_ref().map(|t| t.result.clone().unwrap_or_default())
        };
        let docs =
            |t: &Option<crate::submission::TaskReport>| t.as_ref().map(|t| t.documents.join("; "));
        push(
            format!("nhiệm vụ {id} › tình trạng"),
            status(&ta),
            status(&tb),
        );
        push(format!("nhiệm vụ {id} › kết quả"), result(&ta), result(&tb));
        push(format!("nhiệm vụ {id} › văn bản"), docs(&ta), docs(&tb));
    }
    out
}

/// Keys of `a` in order, then keys only in `b`.
fn ordered_union<'s>(
    a: impl Iterator<Item = &'s str>,
    b: impl Iterator<Item = &'s str>,
) -> Vec<&'s str> {
    let mut seen = crate::HashSet::default();
    a.chain(b).filter(|k| seen.insert(*k)).collect()
}
