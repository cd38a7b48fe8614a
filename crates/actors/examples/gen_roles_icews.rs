//! Generator for `data/roles_icews.tsv`: body and post phrases with their CAMEO sector, from the ICEWS sector
//! names of text_to_CAMEO's `agentnames.txt` (MIT). Deterministic: same input, same bytes out.
//!
//! Usage: `cargo run -p dyad-actors --example gen_roles_icews -- \
//!     ../shared/knowledge/text_to_CAMEO/agentnames.txt > data/roles_icews.tsv`
//!
//! What is read: every `<portfolio> / <portfolio> Ministry` row becomes, for each portfolio word, the bodies
//! "<p> ministry", "ministry of <p>", "ministry of the <p>" and the posts "<p> minister", "minister of <p>"; the
//! security and state-organ rows (Police, Army, Navy, Air Force, Marines, Coast Guard, Military Intelligence,
//! Upper House, Lower House, National / Supreme Court) become bodies. The sector is the first three letters of
//! the row's CAMEO code (GOV, SPY, COP, MIL, LEG, JUD): a ministry is its state's government whatever its
//! portfolio. Phrases `data/roles.tsv` already has are left out, since that hand-written file wins.
use dyad_core::ActorCode;
use std::collections::BTreeMap;

const ORGANS: &[&str] = &[
    "Police",
    "Army",
    "Navy",
    "Air Force",
    "Marines",
    "Coast Guard",
    "Military Intelligence",
    "Upper House",
    "Lower House",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = &args[..] else {
        eprintln!("usage: gen_roles_icews AGENTNAMES > data/roles_icews.tsv");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(1)
    });
    let known: Vec<String> = include_str!("../../../data/roles.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .map(str::to_string)
        .collect();
    let mut rows: BTreeMap<String, (String, &'static str)> = BTreeMap::new();
    let mut add = |phrase: String, sector: &str, class: &'static str| {
        if !known.contains(&phrase) && !phrase.contains("ngo") {
            rows.entry(phrase).or_insert((sector.to_string(), class));
        }
    };
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let [name, code, ..] = cols[..] else { continue };
        // An agent code has no state: its root is the sector ("GOVBUS", "MILSPY"); `---` names none.
        let Some(code) = ActorCode::parse(code).ok().filter(|c| !c.is_unknown()) else { continue };
        let sector = code.root();
        if let Some(portfolios) = name.strip_suffix(" Ministry") {
            for p in portfolios.split(" / ").map(|p| p.trim().to_lowercase()).filter(|p| !p.is_empty()) {
                add(format!("{p} ministry"), sector, "group");
                add(format!("ministry of {p}"), sector, "group");
                add(format!("ministry of the {p}"), sector, "group");
                let post = if sector == "SPY" { "SPY" } else { "GOV" };
                add(format!("{p} minister"), post, "person");
                add(format!("minister of {p}"), post, "person");
            }
        } else if ORGANS.contains(&name) {
            add(name.to_lowercase(), sector, "group");
        } else if name == "National / Supreme Court" {
            add("supreme court".into(), sector, "group");
            add("national court".into(), sector, "group");
        }
    }
    println!("{}", include_str!("roles_icews_header.txt").trim_end());
    for (phrase, (sector, class)) in rows {
        println!("{phrase}\t{sector}\t{class}");
    }
}
