//! Report text from minijinja templates: built-in defaults embedded in the binary, each
//! overridable by a file of the same name in the workspace's `templates/` folder; strict
//! about undefined variables; filters for Vietnamese numbers, percentages, dates and
//! zero padding.

pub mod docx;
pub mod markdown;

use std::path::Path;
use std::str::FromStr;

use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, Value};
use rust_decimal::Decimal;
use thiserror::Error as ThisError;

use crate::number::{self, Style};

/// Why a template could not be rendered.
#[derive(Debug, ThisError)]
#[error("mẫu «{template}»{}: {message}", line.map(|l| format!(", dòng {l}")).unwrap_or_default())]
pub struct RenderError {
    /// Template name.
    pub template: String,
    /// Line in the template.
    pub line: Option<usize>,
    /// What went wrong, naming the variable for an undefined one.
    pub message: String,
}

/// Reads a decimal from a filter argument: a string "2826.5" (the form the report context
/// uses, exact) or an integer.
fn decimal(v: &Value) -> Result<Decimal, Error> {
    if let Some(s) = v.as_str() {
        return Decimal::from_str(s).map_err(|_| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("«{s}» không phải là số"),
            )
        });
    }
    if let Ok(i) = i64::try_from(v.clone()) {
        return Ok(Decimal::from(i));
    }
    Err(Error::new(
        ErrorKind::InvalidOperation,
        format!("cần một số (dạng chuỗi), nhận {}", v.kind()),
    ))
}

/// `{{ x | so }}`, `{{ x | so(1) }}`: "1.126", "2.826,5".
fn so(v: Value, decimals: Option<u32>) -> Result<String, Error> {
    Ok(number::format(
        decimal(&v)?,
        Style::decimals(decimals.unwrap_or(0)),
    ))
}

/// `{{ x | pct }}`, `{{ x | pct(1) }}`: "99,47%".
fn pct(v: Value, decimals: Option<u32>) -> Result<String, Error> {
    Ok(number::format(
        decimal(&v)?,
        Style::percent(decimals.unwrap_or(2)),
    ))
}

/// `{{ x | diem }}`: a difference of percentages, "tăng 0,60 điểm phần trăm" / "giảm …".
fn diem(v: Value, decimals: Option<u32>) -> Result<String, Error> {
    let d = decimal(&v)?;
    let word = if d.is_sign_negative() && !d.is_zero() {
        "giảm"
    } else {
        "tăng"
    };
    Ok(format!(
        "{word} {} điểm phần trăm",
        number::format(d.abs(), Style::decimals(decimals.unwrap_or(2)))
    ))
}

/// `{{ n | pad }}`: "05", "03" (zero padding of small counts).
fn pad(v: Value, width: Option<u8>) -> Result<String, Error> {
    Ok(number::format(
        decimal(&v)?,
        Style {
            pad: width.unwrap_or(2),
            ..Style::default()
        },
    ))
}

/// `{{ "2024-04-04" | ngay }}`: "04/4/2024".
fn ngay(v: &str) -> Result<String, Error> {
    crate::date::parse_date(v)
        .map(crate::date::format_date)
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, e.to_string()))
}

/// A template environment: embedded defaults plus the workspace's overrides.
pub struct Renderer {
    env: Environment<'static>,
}

impl Renderer {
    /// Builds the environment. `builtin` lists (name, source) of the default templates;
    /// a file `templates/<name>` in the workspace replaces the default of that name.
    pub fn new(
        builtin: &[(&'static str, &'static str)],
        overrides: Option<&Path>,
    ) -> Result<Self, RenderError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(|out, state, value| {
            if value.is_none() {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    "in ra một giá trị trống (none): số liệu này không có; \
                     dùng {% if … %} hoặc «… or \"…\"» để xử lý khi thiếu",
                ));
            }
            minijinja::escape_formatter(out, state, value)
        });
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .map_err(|e| convert("(cấu hình)", &e))?;
        env.set_syntax(syntax);
        env.add_filter("so", so);
        env.add_filter("pct", pct);
        env.add_filter("diem", diem);
        env.add_filter("pad", pad);
        env.add_filter("ngay", ngay);
        env.add_filter("md", |s: &str| markdown::escape(s));
        for (name, source) in builtin {
            let text = overrides
                .map(|dir| dir.join(name))
                .filter(|p| p.is_file())
                .map(|p| {
                    std::fs::read_to_string(&p).map_err(|e| RenderError {
                        template: p.display().to_string(),
                        line: None,
                        message: e.to_string(),
                    })
                })
                .transpose()?;
            let text = text.map_or_else(|| (*source).to_string(), crate::text::nfc_string);
            env.add_template_owned(*name, text)
                .map_err(|e| convert(name, &e))?;
        }
        Ok(Self { env })
    }

    /// Renders a template with a context.
    pub fn render(&self, name: &str, ctx: &Value) -> Result<String, RenderError> {
        let t = self.env.get_template(name).map_err(|e| convert(name, &e))?;
        t.render(ctx).map_err(|e| convert(name, &e))
    }
}

fn convert(name: &str, e: &Error) -> RenderError {
    let message = match e.kind() {
        ErrorKind::UndefinedError => {
            let var = expression(e).map(|v| format!(" «{v}»")).unwrap_or_default();
            format!("biến không xác định{var}")
        }
        _ => {
            let detail = e
                .detail()
                .map_or_else(|| e.kind().to_string(), str::to_string);
            match expression(e) {
                Some(expr) => format!("«{expr}»: {detail}"),
                None => detail,
            }
        }
    };
    RenderError {
        template: e.name().unwrap_or(name).to_string(),
        line: e.line(),
        message,
    }
}

/// The source text of the expression an error points at, from the error's span.
fn expression(e: &Error) -> Option<String> {
    let src = e.template_source()?;
    let r = e.range()?;
    src.get(r).map(|s| s.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(src: &'static str, ctx: Value) -> Result<String, RenderError> {
        Renderer::new(&[("t.md", src)], None)?.render("t.md", &ctx)
    }

    #[test]
    fn vietnamese_filters() {
        let ctx = minijinja::context! { n => "1126", v => "2826.5", p => "99.4671", d => "-0.6", c => 3, day => "2024-04-04" };
        let out = render("{{ n | so }} {{ v | so(1) }} {{ p | pct }} {{ d | diem }} {{ c | pad }}/44 {{ day | ngay }}", ctx).expect("renders");
        assert_eq!(
            out,
            "1.126 2.826,5 99,47% giảm 0,60 điểm phần trăm 03/44 04/4/2024"
        );
    }

    #[test]
    fn printing_a_missing_value_is_an_error_naming_the_expression() {
        let e = render(
            "{{ f.so }}\n",
            minijinja::context! { f => minijinja::context!{ so => () } },
        )
        .expect_err("none");
        assert!(
            e.message.starts_with("«f.so»: in ra một giá trị trống"),
            "{}",
            e.message
        );
        let ok = render(
            "{{ f.so or \"…\" }}\n",
            minijinja::context! { f => minijinja::context!{ so => () } },
        );
        assert_eq!(ok.expect("renders"), "…\n");
    }

    #[test]
    fn undefined_variables_name_template_line_and_variable() {
        let e = render(
            "Dòng một\n{{ f.khong_co }}\n",
            minijinja::context! { f => minijinja::context!{} },
        )
        .expect_err("undefined");
        assert_eq!(e.template, "t.md");
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("f.khong_co"), "{}", e.message);
        assert_eq!(
            e.to_string(),
            "mẫu «t.md», dòng 2: biến không xác định «f.khong_co»"
        );
    }

    #[test]
    fn workspace_templates_override_the_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("t.md"), "Mẫu riêng {{ x }}").expect("write");
        let r = Renderer::new(&[("t.md", "Mặc định {{ x }}")], Some(dir.path())).expect("env");
        assert_eq!(
            r.render("t.md", &minijinja::context! { x => 1 })
                .expect("renders"),
            "Mẫu riêng 1"
        );
    }
}
