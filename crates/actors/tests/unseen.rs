//! "The same rules on names not seen": people, organisations and role phrases written from general knowledge
//! (tests/data/unseen_names.tsv) before the rules of issue 16 were tuned, and never tuned on since. Each row is one
//! document read by a fresh registry on its own date; an actor counts as right when a mention over its text has the
//! expected country (or an IGO/NGO code starting with it), and right with its sector when that mention also has
//! the expected sector. Prints the figures and each miss; asserts only a floor far under today's figures.
//!
//! Run: `cargo test -p dyad-actors --test unseen -- --nocapture`.

use dyad_actors::{ActorMention, Registry};

const ROWS: &str = include_str!("data/unseen_names.tsv");

fn hits(m: &ActorMention, country: &str) -> bool {
    m.country.as_deref() == Some(country) || m.code.starts_with(country)
}

#[test]
fn unseen_names_get_their_country_and_sector() {
    let (mut n, mut country_ok, mut sector_ok) = (0usize, 0usize, 0usize);
    for (i, line) in ROWS.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [text, date, actor, country, sector] = cols[..] else { panic!("unseen_names.tsv:{}: 5 columns", i + 1) };
        let date = date.parse().unwrap_or_else(|_| panic!("unseen_names.tsv:{}: bad date", i + 1));
        let start = text.find(actor).unwrap_or_else(|| panic!("unseen_names.tsv:{}: {actor:?} not in text", i + 1));
        let end = start + actor.len();
        let mentions = Registry::new().resolve_text(text, Some(date));
        let over: Vec<&ActorMention> =
            mentions.iter().filter(|m| m.span.start() < end && start < m.span.end()).collect();
        let c = over.iter().any(|m| hits(m, country));
        let s = over.iter().any(|m| {
            hits(m, country) && (sector == "-" || m.sector.as_deref() == Some(sector) || m.code.ends_with(sector))
        });
        n += 1;
        country_ok += usize::from(c);
        sector_ok += usize::from(s);
        if !s {
            let got: Vec<String> = mentions.iter().map(|m| format!("{}={}", m.text, m.code)).collect();
            println!("miss: {actor} want {country}{sector} got {got:?}");
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    println!("unseen names n={n}: country {:.1}%  +sector {:.1}%", pct(country_ok), pct(sector_ok));
    assert!(n >= 60, "the list has {n} rows");
    assert!(pct(country_ok) > 30.0, "country resolution on unseen names collapsed: {country_ok}/{n}");
}
