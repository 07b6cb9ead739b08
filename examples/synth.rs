//! Writes a synthetic workspace for benchmarks: N district-like units, a catalogue of
//! count, amount and ratio indicators, a plan, and one submission per unit for 2024 —
//! about 70 % as Excel forms and 30 % as YAML, about 3 % of them with a printed percentage
//! that disagrees with its fraction (warning W132) — deterministic for a seed.
//!
//! `cargo run --release --example synth -- --units 100 --out /tmp/ws [--seed 1]`

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Indicators per kind in the synthetic catalogue.
const PER_KIND: usize = 12;

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut units = 100usize;
    let mut out = PathBuf::from("synth-ws");
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--units" => units = args.next().ok_or("--units N")?.parse()?,
            "--out" => out = PathBuf::from(args.next().ok_or("--out DIR")?),
            "--seed" => seed = args.next().ok_or("--seed S")?.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let mut rng = Rng(seed);
    write(&out, units, &mut rng)?;
    println!("wrote {units} submissions to {}", out.display());
    Ok(())
}

fn codes() -> Vec<(String, &'static str)> {
    let mut v = Vec::new();
    for i in 0..PER_KIND {
        v.push((format!("cqs.so_luong_{i:02}"), "count"));
        v.push((format!("kts.gia_tri_{i:02}"), "amount"));
        v.push((format!("xhs.ty_le_{i:02}"), "ratio"));
    }
    v
}

fn write(out: &Path, units: usize, rng: &mut Rng) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(out.join("data/plans"))?;
    std::fs::create_dir_all(out.join("submissions/2024"))?;
    std::fs::write(
        out.join("cdsreport.toml"),
        "[province]\nname = \"Tỉnh Mẫu\"\n[issuer]\nname = \"Ban Điều hành chuyển đổi số\"\nshort = \"BĐHCĐS\"\nplace = \"Tỉnh Mẫu\"\n",
    )?;
    let mut u = String::from("units:\n");
    for i in 0..units {
        writeln!(
            u,
            "  - {{id: dv-{i:05}, name: Đơn vị {i}, short: ĐV {i}, kind: huyen}}"
        )?;
    }
    std::fs::write(out.join("data/units.yaml"), u)?;
    let mut ind = String::from(
        "groups:\n  - {id: cqs, name: Chính quyền số}\n  - {id: kts, name: Kinh tế số}\n  - {id: xhs, name: Xã hội số}\nindicators:\n",
    );
    for (code, kind) in codes() {
        let (group, _) = code.split_once('.').ok_or("code")?;
        let (unit, agg, extra) = match kind {
            "count" => ("hồ sơ", "sum", ""),
            "amount" => ("tỷ đồng", "sum", ", decimals: 1"),
            _ => ("%", "ratio_of_sums", ", denominator: universe"),
        };
        writeln!(
            ind,
            "  - {{code: {code}, name: Chỉ tiêu {code}, group: {group}, unit: '{unit}', kind: {kind}, aggregate: {agg}, reporters: huyen{extra}}}"
        )?;
    }
    std::fs::write(out.join("data/indicators.yaml"), ind)?;
    let mut plan = String::from(
        "year: 2024\ndocument: {kind: Kế hoạch, number: 1/KH-BĐHCĐS, date: 2024-01-15, issuer: Ban Điều hành chuyển đổi số}\nindicators:\n",
    );
    for (code, _) in codes().iter().step_by(3) {
        writeln!(plan, "  - {{code: {code}, target: 10}}")?;
    }
    std::fs::write(out.join("data/plans/2024.yaml"), plan)?;
    for i in 0..units {
        let id = format!("dv-{i:05}");
        let values: Vec<(String, &str, u64, u64)> = codes()
            .into_iter()
            .map(|(c, k)| {
                let d = 1000 + rng.below(100_000);
                let n = rng.below(d + 1);
                (c, k, n, d)
            })
            .collect();
        if rng.below(10) < 7 {
            write_xlsx(
                &out.join(format!("submissions/2024/{id}.xlsx")),
                &id,
                &values,
            )?;
        } else {
            let mut y = format!("unit: {id}\nperiod: 2024\nas_of: 2024-12-13\nvalues:\n");
            // One YAML form in ten prints a percentage that disagrees with its own
            // fraction, the seeds' commonest slip (W132): about 3 % of all forms.
            let slip = rng.below(10) == 0;
            for (c, k, n, d) in &values {
                match *k {
                    "ratio" if slip => writeln!(
                        y,
                        "  {c}: {{numerator: {n}, denominator: {d}, printed: \"{},00\"}}",
                        n * 100 / d + 1
                    )?,
                    "ratio" => writeln!(y, "  {c}: {{numerator: {n}, denominator: {d}}}")?,
                    "amount" => writeln!(y, "  {c}: {n}.5")?,
                    _ => writeln!(y, "  {c}: {n}")?,
                }
            }
            std::fs::write(out.join(format!("submissions/2024/{id}.yaml")), y)?;
        }
    }
    Ok(())
}

fn write_xlsx(
    path: &Path,
    id: &str,
    values: &[(String, &str, u64, u64)],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let info = wb.add_worksheet().set_name("Thông tin")?;
    info.write_string(0, 0, "Mã đơn vị")?;
    info.write_string(0, 1, id)?;
    info.write_string(1, 0, "Kỳ báo cáo")?;
    info.write_string(1, 1, "2024")?;
    let s = wb.add_worksheet().set_name("Chỉ tiêu")?;
    for (c, h) in [
        "Mã",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Giá trị hoặc Tử số",
        "Mẫu số",
        "Ghi chú",
    ]
    .iter()
    .enumerate()
    {
        s.write_string(0, u16::try_from(c)?, *h)?;
    }
    for (r, (code, kind, n, d)) in values.iter().enumerate() {
        let r = u32::try_from(r + 1)?;
        s.write_string(r, 0, code)?;
        s.write_string(r, 1, format!("Chỉ tiêu {code}"))?;
        #[allow(clippy::cast_precision_loss)]
        let n = *n as f64;
        s.write_number(r, 3, if *kind == "amount" { n + 0.5 } else { n })?;
        if *kind == "ratio" {
            #[allow(clippy::cast_precision_loss)]
            s.write_number(r, 4, *d as f64)?;
        }
    }
    wb.save(path)?;
    Ok(())
}
