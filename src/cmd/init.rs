//! `cdsreport init [DIR]`: writes the embedded example workspace.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

/// Arguments of `init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Thư mục sẽ tạo (mặc định: thư mục hiện tại).
    #[arg(value_name = "THƯ_MỤC")]
    pub dir: Option<PathBuf>,

    /// Ghi cả vào thư mục đã có tệp (ghi đè các tệp trùng tên, giữ nguyên tệp khác).
    #[arg(long)]
    pub force: bool,
}

/// Writes the example workspace into the target folder.
pub fn execute(args: &Args, base: &Path, quiet: bool) -> anyhow::Result<ExitCode> {
    let target = match &args.dir {
        Some(d) if d.is_absolute() => d.clone(),
        Some(d) => base.join(d),
        None => base.to_path_buf(),
    };
    if target.exists() && !target.is_dir() {
        bail!("«{}» đã có và không phải là thư mục", target.display());
    }
    let non_empty = target.is_dir()
        && std::fs::read_dir(&target)
            .with_context(|| format!("không đọc được thư mục «{}»", target.display()))?
            .next()
            .is_some();
    if non_empty && !args.force {
        bail!(
            "thư mục «{}» đã có tệp; không ghi gì cả.\n   = gợi ý: chọn một thư mục trống, hoặc thêm --force để ghi đè các tệp mẫu",
            target.display()
        );
    }
    let files = crate::embedded::example_files();
    for (rel, bytes) in &files {
        let path = target.join(rel);
        crate::fsutil::write_atomic(&path, bytes)
            .with_context(|| format!("không ghi được «{}»", path.display()))?;
    }
    if !quiet {
        let shown = args
            .dir
            .as_deref()
            .map_or_else(|| ".".to_string(), |d| d.display().to_string());
        println!(
            "Đã tạo không gian làm việc mẫu tỉnh Ninh Thuận tại «{}» ({} tệp).",
            target.display(),
            files.len()
        );
        println!("Các bước tiếp theo:");
        println!("  cd {shown}");
        println!(
            "  xem cdsreport.toml, data/units.yaml, data/indicators.yaml, data/plans/2024.yaml"
        );
        println!(
            "  số liệu của các đơn vị nằm trong submissions/2024/, submissions/2024-6T/, submissions/2023/"
        );
    }
    Ok(ExitCode::SUCCESS)
}
