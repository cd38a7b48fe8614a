//! Measures the `duckling` crate on MEANTIME with the same scorer as `dyad bench meantime`, and its speed, so that
//! the choice of a hand-written recogniser over duckling rests on figures. Run with
//! `cargo run --release -p dyad-bench --example duckling_meantime [BENCH_DIR]`.

use dyad_bench::meantime;

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use duckling::{Context, DimensionKind, DimensionValue, Grain, Lang, Locale, Options, TimePoint, TimeValue};
use std::time::Instant;

fn point(p: &TimePoint) -> (NaiveDateTime, Grain) {
    match p {
        TimePoint::Instant { value, grain } => (value.naive_local(), *grain),
        TimePoint::Naive { value, grain } => (*value, *grain),
    }
}

/// Duckling's value as a TIMEX3 value at its grain.
fn timex(v: &DimensionValue) -> Option<String> {
    let DimensionValue::Time(t) = v else { return None };
    let (dt, grain) = match t {
        TimeValue::Single { value, .. } => point(value),
        TimeValue::Interval { from: Some(p), .. } | TimeValue::Interval { from: None, to: Some(p), .. } => point(p),
        TimeValue::Interval { .. } => return None,
    };
    let d = dt.date();
    Some(match grain {
        Grain::Year => format!("{:04}", d.year()),
        Grain::Quarter => format!("{:04}-Q{}", d.year(), d.month0() / 3 + 1),
        Grain::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Grain::Week => format!("{:04}-W{:02}", d.iso_week().year(), d.iso_week().week()),
        _ => d.format("%Y-%m-%d").to_string(),
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/bench".to_string());
    let docs = meantime::load(&std::path::Path::new(&dir).join("meantime"))?;
    let locale = Locale::new(Lang::EN, None);
    let options = Options::default();
    let utc = FixedOffset::east_opt(0).ok_or("offset")?;
    let mut sentences = 0usize;
    let started = Instant::now();
    let sc = meantime::score_with(
        &docs,
        |doc| {
            let anchor: NaiveDate = meantime::anchor_of(doc)?;
            let reference = utc.from_local_datetime(&anchor.and_hms_opt(12, 0, 0)?).single()?;
            let context = Context::new(reference, locale);
            let mut out = Vec::new();
            for &(s, e) in doc.sentences.iter().take(meantime::ANNOTATED_SENTENCES) {
                let Some(text) = doc.text.get(s..e) else { continue };
                sentences += 1;
                for ent in duckling::parse(text, &locale, &[DimensionKind::Time], &context, &options) {
                    if let Some(t) = timex(&ent.value) {
                        out.push(meantime::Predicted {
                            start: s + ent.start,
                            end: s + ent.end,
                            timex: t,
                            basis: "duckling".into(),
                            kind: "DATE",
                        });
                    }
                }
            }
            Some((anchor, out))
        },
        |line| {
            if std::env::var_os("DYAD_BENCH_VERBOSE").is_some() {
                eprintln!("{line}");
            }
        },
    );
    let secs = started.elapsed().as_secs_f64();
    println!("duckling 0.4 (Lang::EN, reference time = CREATION_TIME 12:00 UTC)");
    meantime::print_score(&sc)?;
    println!("speed: {:.0} sentences/s ({sentences} sentences in {secs:.2} s)", sentences as f64 / secs);
    Ok(())
}
