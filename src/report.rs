//! A checked submission: typed figures of one unit for one period, each remembering the
//! file and cell it came from. Validation produces it; aggregation and reports consume it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::diag::Span;
use crate::period::Period;
use crate::submission::Format;

/// What a unit reported for an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Amount {
    /// A number (count, amount, percent, rank).
    Number {
        /// The value.
        value: Decimal,
    },
    /// Numerator over denominator.
    Fraction {
        /// Tử số.
        numerator: Decimal,
        /// Mẫu số.
        denominator: Decimal,
    },
    /// Yes or no.
    Bool {
        /// The answer.
        value: bool,
    },
    /// Free text.
    Text {
        /// The text.
        value: String,
    },
    /// Explicitly not reported.
    Missing,
    /// Not assessable, with the reason.
    NotAssessed {
        /// Why.
        reason: String,
    },
}

impl Amount {
    /// The numeric value: a number, or a fraction as a percentage.
    pub fn numeric(&self) -> Option<Decimal> {
        match self {
            Amount::Number { value } => Some(*value),
            Amount::Fraction {
                numerator,
                denominator,
            } => percent_of(*numerator, *denominator),
            _ => None,
        }
    }

    /// Whether a figure is present (not missing, not "not assessed").
    pub fn is_reported(&self) -> bool {
        !matches!(self, Amount::Missing | Amount::NotAssessed { .. })
    }
}

/// `numerator / denominator × 100`, exactly; `None` for a zero denominator.
pub fn percent_of(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator.is_zero() {
        return None;
    }
    numerator
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(denominator)
}

/// One checked figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// Indicator code.
    pub code: String,
    /// The reported amount.
    pub amount: Amount,
    /// The file it came from (shared by the figures of one file).
    pub file: std::sync::Arc<str>,
    /// Where in the file.
    pub span: Span,
    /// An estimate (ước).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub estimate: bool,
    /// The figure's own cut-off date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    /// The unit's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A change versus the previous year that the unit stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<Claim>,
}

/// How a stated change is expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// In percentage points ("tăng 0,54 điểm phần trăm").
    Points,
    /// In per cent of the previous value ("tăng 37,9%").
    Percent,
}

/// A change versus the previous year as the unit stated it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// Points or per cent.
    pub kind: ClaimKind,
    /// The stated change (negative for a decrease).
    pub value: Decimal,
    /// Where it is written.
    pub span: Span,
}

/// Status words of tasks and products.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Hoàn thành.
    HoanThanh,
    /// Đang triển khai.
    DangTrienKhai,
    /// Đang dự thảo.
    DangDuThao,
    /// Chưa triển khai.
    ChuaTrienKhai,
    /// Xin ngừng triển khai.
    XinNgung,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 5] = [
        Self::HoanThanh,
        Self::DangTrienKhai,
        Self::DangDuThao,
        Self::ChuaTrienKhai,
        Self::XinNgung,
    ];

    /// The YAML key.
    pub fn key(self) -> &'static str {
        match self {
            Self::HoanThanh => "hoan_thanh",
            Self::DangTrienKhai => "dang_trien_khai",
            Self::DangDuThao => "dang_du_thao",
            Self::ChuaTrienKhai => "chua_trien_khai",
            Self::XinNgung => "xin_ngung",
        }
    }

    /// The Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::HoanThanh => "Hoàn thành",
            Self::DangTrienKhai => "Đang triển khai",
            Self::DangDuThao => "Đang dự thảo",
            Self::ChuaTrienKhai => "Chưa triển khai",
            Self::XinNgung => "Xin ngừng triển khai",
        }
    }

    /// Reads a key or a label, any case.
    pub fn parse(s: &str) -> Option<Self> {
        let n = crate::text::nfc(s.trim()).to_lowercase();
        Self::ALL
            .into_iter()
            .find(|st| st.key() == n || st.label().to_lowercase() == n)
    }
}

/// A task's progress as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskProgress {
    /// Task id.
    pub id: String,
    /// Status.
    pub status: Option<Status>,
    /// Result text.
    pub result: Option<String>,
    /// Documents.
    pub documents: Vec<String>,
    /// File.
    pub file: String,
    /// Where.
    pub span: Span,
}

/// A product as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProductReport {
    /// Name.
    pub name: String,
    /// Status.
    pub status: Option<Status>,
    /// Note.
    pub note: Option<String>,
}

/// A checked submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitReport {
    /// Unit id (shared with the contributions it makes).
    pub unit: std::sync::Arc<str>,
    /// Period.
    pub period: Period,
    /// File.
    pub file: String,
    /// Format.
    pub format: Format,
    /// Ngày chốt số liệu.
    pub as_of: Option<NaiveDate>,
    /// Người lập.
    pub prepared_by: Option<String>,
    /// Figures in file order.
    pub figures: Vec<Figure>,
    /// Task progress.
    pub tasks: Vec<TaskProgress>,
    /// Products.
    pub products: Vec<ProductReport>,
    /// Narrative by section key.
    pub narrative: Vec<(String, String)>,
}

impl UnitReport {
    /// The figure for a code.
    pub fn figure(&self, code: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.code == code)
    }
}

/// Narrative section keys of the annual report, with the heading each belongs to.
pub const SECTIONS: &[(&str, &str)] = &[
    ("lanh_dao", "Công tác lãnh đạo, chỉ đạo điều hành"),
    ("the_che", "Hoàn thiện thể chế, chính sách"),
    (
        "to_chuc",
        "Công tác kiện toàn tổ chức bộ máy chuyên trách chuyển đổi số",
    ),
    (
        "ke_hoach",
        "Công tác xây dựng, ban hành kế hoạch chuyển đổi số tại các sở, ban, ngành, địa phương",
    ),
    (
        "truyen_thong",
        "Công tác truyền thông, nâng cao nhận thức số, kỹ năng số",
    ),
    ("ha_tang", "Phát triển hạ tầng số"),
    ("cqs", "Phát triển chính quyền số"),
    ("kts", "Phát triển kinh tế số"),
    ("xhs", "Phát triển xã hội số"),
    ("attt", "Bảo đảm an toàn thông tin"),
    ("du_lieu", "Phát triển nguồn dữ liệu"),
    ("nen_tang", "Phát triển nền tảng số"),
    ("nhan_luc", "Phát triển nguồn nhân lực"),
    ("bcvt", "Lĩnh vực bưu chính, viễn thông"),
    ("bao_chi", "Lĩnh vực thông tin, báo chí, xuất bản"),
    ("tcns", "Kết quả hoạt động của Tổ công nghệ số cộng đồng"),
    (
        "ung_dung",
        "Ứng dụng CNTT, chuyển đổi số của cơ quan nhà nước",
    ),
    ("san_pham", "Kết quả triển khai sản phẩm chuyển đổi số"),
    ("da06", "Kết quả thực hiện các nội dung của Đề án 06/CP"),
    ("ton_tai", "Một số tồn tại, hạn chế chính"),
    ("nhiem_vu", "Nhiệm vụ trọng tâm thời gian tới"),
    ("giai_phap", "Giải pháp"),
];
