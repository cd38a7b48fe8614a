//! Generator for `data/countries.tsv` (run once by hand; not compiled as part of the workspace).
//!
//! Usage: create a scratch crate with `keshvar = "0.7"` as its only dependency, use this file as its `main.rs`,
//! and run `cargo run --release > data/countries.tsv`. keshvar 0.7.0 cost 8.9 s of release build time (325 MB peak
//! RSS) and grew a hello-world binary to 868 KB, which is why dyad ships the generated file instead of linking it.
//! `crates/actors/src/data.rs` has a test that checks the file's shape (249 ISO rows, unique codes).
//! Names keshvar lacks or gets unidiomatic (common names, capitals, abbreviations, former states) live in
//! `data/country_extra.tsv`, which is ours and hand-edited.

fn cameo_region(sub: Option<keshvar::SubRegion>) -> &'static str {
    use keshvar::SubRegion::*;
    match sub {
        Some(NorthernAfrica) => "NAF",
        Some(WesternAfrica) => "WAF",
        Some(EasternAfrica) => "EAF",
        Some(MiddleAfrica) => "CFR",
        Some(SouthernAfrica) => "SAF",
        Some(Caribbean) => "CRB",
        Some(CentralAmerica) | Some(SouthAmerica) => "LAM",
        Some(NorthernAmerica) => "NMR",
        Some(CentralAsia) => "CAS",
        Some(EasternAsia) => "EAS",
        Some(SouthEasternAsia) => "SEA",
        Some(SouthernAsia) => "SAS",
        Some(WesternAsia) => "MEA",
        Some(EasternEurope) => "EEU",
        Some(NorthernEurope) | Some(SouthernEurope) | Some(WesternEurope) => "EUR",
        Some(AustraliaAndNewZealand) | Some(Melanesia) | Some(Micronesia) | Some(Polynesia) => "OCN",
        _ => "",
    }
}

fn main() {
    println!("# (header: see data/README.md and the top of this file in the repository)");
    for c in keshvar::CountryIterator::new() {
        let long = c.iso_long_name().trim_start_matches("The ");
        let adjectives: Vec<&str> = c.maybe_nationality().unwrap_or("").split(", ").filter(|s| !s.is_empty()).collect();
        println!(
            "{:?}\t{:?}\t{}\t{}\t{}\t{}",
            c.alpha3(),
            c.alpha2(),
            c.iso_short_name(),
            long,
            adjectives.join("|"),
            cameo_region(c.maybe_subregion())
        );
    }
}
