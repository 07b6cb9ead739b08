//! Command-line definitions (clap derive). Help texts are Vietnamese.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// cdsreport — trình biên dịch báo cáo chuyển đổi số cấp tỉnh.
#[derive(Debug, Parser)]
#[command(name = "cdsreport", version, about = "Biên dịch báo cáo chuyển đổi số cấp tỉnh từ số liệu các đơn vị", long_about = None)]
pub struct Cli {
    /// Thư mục không gian làm việc (mặc định: thư mục hiện tại hoặc thư mục cha có cdsreport.toml).
    #[arg(short = 'C', long = "dir", global = true, value_name = "THƯ_MỤC")]
    pub dir: Option<PathBuf>,

    /// Chỉ in lỗi, không in thông báo thường.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Lệnh cần chạy.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lập báo cáo và phụ lục của kỳ vào out/KỲ/.
    Build(crate::cmd::build::Args),
    /// Giải thích một số liệu: giá trị, cách tính, nguồn từng đơn vị.
    Explain(crate::cmd::explain::Args),
    /// So sánh hai kỳ (2024-6T 2024) hoặc hai phiên bản tệp số liệu của một đơn vị.
    Diff(crate::cmd::diff::Args),
    /// Tạo không gian làm việc mẫu (tỉnh Ninh Thuận) trong THƯ_MỤC.
    Init(crate::cmd::init::Args),
    /// Xem đơn vị nào đã nộp, nộp muộn, chưa nộp số liệu của kỳ.
    Status(crate::cmd::status::Args),
    /// Tạo biểu mẫu Excel cho đơn vị điền số liệu.
    Template(crate::cmd::template::Args),
    /// Kiểm tra số liệu của các đơn vị và chỉ rõ lỗi ở đâu.
    Validate(crate::cmd::validate::Args),
}
