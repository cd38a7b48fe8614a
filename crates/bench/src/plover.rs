//! `dyad bench plover`: the PLOVER gold-standard sentences (built from the CAMEO manual's examples) through the
//! real pipeline: actors are resolved from the sentence text, not taken from the gold slots, and relative dates
//! resolve against the file's placeholder date. A sentence is right when some coded event has the gold category
//! and its source and target countries are among the gold ones; "category" counts the category alone.
//!
//! The sentences are split by position into a `dev` half (even 0-based index) and a `held-out` half (odd), so
//! that rules tuned while reading `--failures` (which prints dev sentences only, unless `--all-failures`) can be
//! checked on sentences nobody looked at.

use crate::BenchError;
use crate::error::Context;
use dyad_page::{Article, Block};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Arguments of `dyad bench plover`.
#[derive(clap::Args)]
pub struct Args {
    /// Print each wrong dev sentence: gold category/source/target, what was coded (with the pattern) and the
    /// actor mentions found.
    #[arg(long)]
    failures: bool,
    /// With `--failures`, print wrong held-out sentences too.
    #[arg(long)]
    all_failures: bool,
    /// Print each dev event that is not the sentence's gold event, with why (another category between the gold
    /// parties, the gold category between other parties, or neither); dev sentences only.
    #[arg(long)]
    off_gold: bool,
    /// Code this sentence instead of the GSR and print what was found (for trying a rule out).
    #[arg(long)]
    sentence: Option<String>,
    /// Also code with the verb patterns of this PETRARCH / TABARI verb dictionary (e.g.
    /// ../shared/bench/dictionaries/CAMEO.2.0.txt) on top of dyad's own; repeatable.
    #[arg(long = "verbs", value_name = "FILE")]
    verbs: Vec<PathBuf>,
    /// Where the `--verbs` rows are consulted: `everywhere` (beside dyad's own), `predicate` (only at a verb no
    /// built-in row matches) or `sentence` (only in a sentence where dyad's own code no event with a target).
    #[arg(long, value_name = "WHERE", default_value = "everywhere", requires = "verbs")]
    verbs_use: VerbsUse,
    /// With `--verbs`, leave out the loaded rows that are a bare verb (no object, no preposition).
    #[arg(long, requires = "verbs")]
    verbs_no_bare: bool,
    /// A learned event model (`dyad train events`, e.g. data/events.model): in a sentence where the rules code no
    /// event with a target but two parties are named, the model's category is coded between them (the first
    /// party as source, the next other one as target) when its margin reaches `--learned-margin`.
    #[arg(long, value_name = "FILE")]
    learned: Option<PathBuf>,
    /// The least margin (best score minus the runner-up's) at which the learned model's category is coded.
    #[arg(long, default_value_t = 0.0, requires = "learned")]
    learned_margin: f32,
    /// Also let the learned model re-label the rules' events: an event whose parties' mentions the model reads
    /// as another category with at least this margin takes that category (a model trained with `--rule-cues`
    /// knows what the rules coded).
    #[arg(long, value_name = "MARGIN", requires = "learned")]
    learned_relabel: Option<f32>,
}

/// `--verbs-use`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum VerbsUse {
    Everywhere,
    Predicate,
    Sentence,
}

/// The GSR uses PLOVER 0.5b1 names; dyad's codebook uses the 2021 table. These are the renamed categories, and
/// the codes 0.5b1 filed elsewhere (read off the GSR's own labels of the CAMEO manual's examples, as the 0.5b1
/// table itself is not in the bench folder): all of root 17 (the 2021 table moved 1712 and 175 to ASSAULT) and
/// 181 abduction were COERCE, 163 sanctions were SANCTION, 081 easing of restrictions (curfew, emergency) was
/// CONCEDE, 0831 resignation RETREAT and all of root 19 (192 occupation too) FIGHT.
fn gsr_category(plover: &str, root: &str, code: &str) -> String {
    if code.starts_with("163") {
        return "SANCTION".into();
    }
    if root == "17" || code.starts_with("181") {
        return "COERCE".into();
    }
    if code.starts_with("081") {
        return "CONCEDE".into();
    }
    if code == "0831" {
        return "RETREAT".into();
    }
    if root == "19" {
        return "FIGHT".into();
    }
    match plover {
        "ACCUSE" if root == "09" => "INVESTIGATE".into(),
        "ACCUSE" => "DISAPPROVE".into(),
        "REQUEST" => "DEMAND".into(),
        "ASSAULT" if matches!(root, "19" | "20") => "FIGHT".into(),
        other => other.to_string(),
    }
}

/// The gold actors' CAMEO country (or IGO/NGO/... prefix), with the GSR's few non-ISO spellings normalised.
fn codes(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| dyad_core::ActorCode::parse(x.get("code")?.as_str()?).ok())
                .map(|c| match c.root() {
                    "JAP" => "JPN".into(),
                    "ITL" => "ITA".into(),
                    "VTN" => "VNM".into(),
                    root => root.to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What the GSR's code prefix means for a coded party: its country, else the first three letters of its CAMEO
/// code when that names a transnational kind (IGO, NGO, IMG, ...) rather than an unknown country.
fn party_code(p: Option<&dyad_events::Party>) -> String {
    let Some(p) = p else { return String::new() };
    if let Some(c) = &p.country {
        return c.clone();
    }
    let code = p.code.as_deref().and_then(|c| dyad_core::ActorCode::parse(c).ok());
    code.filter(|c| !c.is_unknown()).map(|c| c.root().to_string()).unwrap_or_default()
}

/// The party a mention names, as [`party_code`] reads a coded party: its country, else the first three letters of
/// a transnational code.
fn mention_party(m: &dyad_actors::ActorMention) -> String {
    if let Some(c) = &m.country {
        return c.clone();
    }
    let code = dyad_core::ActorCode::parse(&m.code).ok();
    code.filter(|c| !c.is_unknown()).map(|c| c.root().to_string()).unwrap_or_default()
}

/// The tokens of a one-sentence article and the token ranges of its mentions that name a party, with the party.
/// A mention that names a party: its token range, its party code, its actor id.
type PartyMention = (std::ops::Range<usize>, String, String);
/// The party-naming mentions of a sentence, in order.
type Parties = Vec<PartyMention>;

fn tokens_and_parties(
    text: &str,
    coded: &dyad_pipeline::CodedArticle,
    tree: bool,
) -> (dyad_text::Tokens, Option<dyad_events::Tree>, Parties) {
    // A whole string is always a valid span of itself.
    let tokens =
        dyad_core::Span::new(text, 0, text.len()).map(|whole| dyad_text::tokenize(text, whole)).unwrap_or_default();
    let parties = coded
        .mentions
        .iter()
        .filter_map(|m| {
            let party = mention_party(&m.mention);
            let span = dyad_core::Span::new(text, m.start, m.end).ok()?;
            let range = tokens.range_within(span);
            (!party.is_empty() && !range.is_empty()).then(|| (range, party, m.mention.actor.clone()))
        })
        .collect();
    let tree = if tree { dyad_pipeline::tree_parser().and_then(|p| p.parse(text, &tokens)) } else { None };
    (tokens, tree, parties)
}

/// The pair the learned model is asked about: the first party-naming mention as source, the next mention of
/// another actor as target.
fn learned_pair(parties: &[PartyMention]) -> Option<(&PartyMention, &PartyMention)> {
    let first = parties.first()?;
    let second = parties.iter().skip(1).find(|p| p.2 != first.2 && p.0.start >= first.0.end)?;
    Some((first, second))
}

/// A coded event's category in the GSR's labels.
fn event_category(e: &dyad_events::EventRecord) -> String {
    gsr_category(e.plover.as_deref().unwrap_or("-"), &e.root, &e.code)
}

/// The learned model's features of what the rules coded in a sentence: the category of each event.
fn rule_cues_of(coded: &dyad_pipeline::CodedArticle) -> Vec<u32> {
    coded
        .events
        .iter()
        .map(|e| {
            dyad_events::learned::rule_feature(&gsr_category(e.plover.as_deref().unwrap_or("-"), &e.root, &e.code))
        })
        .collect()
}

/// The first mention naming a gold source and the first mention of another actor naming a gold target.
fn gold_pair<'a>(
    parties: &'a [PartyMention],
    sources: &[String],
    targets: &[String],
) -> Option<(&'a PartyMention, &'a PartyMention)> {
    let s = parties.iter().find(|p| sources.contains(&p.1))?;
    let t = parties.iter().find(|p| targets.contains(&p.1) && p.2 != s.2 && p.0 != s.0)?;
    Some((s, t))
}

/// The training examples of `dyad train events`: each row of the construction table (`table`, the format of
/// crates/pipeline/tests/tree_table.tsv) and, with `gsr`, each sentence of the GSR's **dev half only** (even
/// index), coded by the pipeline for its actor mentions; the source and target are the first mentions naming the
/// gold parties, the label the gold category in the GSR's labels (a table row's CAMEO code mapped as the bench
/// maps coded events). Rows whose parties the actors stage does not find are left out.
pub fn training_examples(
    table: &Path,
    gsr: Option<&Path>,
    with_tree: bool,
    rule_cues: bool,
) -> Result<TrainingSet, BenchError> {
    let codebook = dyad_events::Codebook::builtin();
    let mut coder = dyad_pipeline::Coder::new();
    let mut monadic = dyad_pipeline::Coder::new().with_monadic(true);
    let mut out = Vec::new();
    let mut gsr_out = Vec::new();
    let mut skipped = 0usize;
    let mut push = |text: &str, sources: &[String], targets: &[String], label: String, out: &mut Vec<_>| {
        let coded = coder.code(&article("train.txt".into(), text), None);
        let (tokens, tree, parties) = tokens_and_parties(text, &coded, with_tree);
        let cues =
            if rule_cues { rule_cues_of(&monadic.code(&article("train.txt".into(), text), None)) } else { vec![] };
        match gold_pair(&parties, sources, targets) {
            Some((s, t)) => out.push(dyad_events::learned::Example {
                tokens,
                tree,
                cues,
                source: s.0.clone(),
                target: t.0.clone(),
                label,
            }),
            None => skipped += 1,
        }
    };
    for line in std::fs::read_to_string(table)?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || cols.len() < 7 || cols[0] == "construction" {
            continue;
        }
        let code = cols[4];
        let full = if code.len() == 2 { format!("{code}0") } else { code.to_string() };
        let Some(root) = codebook.root(&full) else { continue };
        let label = gsr_category(codebook.plover(&full).unwrap_or("-"), root, &full);
        let split = |c: &str| c.split('+').map(str::to_string).collect::<Vec<_>>();
        push(cols[6], &split(cols[2]), &split(cols[3]), label, &mut out);
    }
    if let Some(gsr) = gsr {
        let records: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(gsr)?)?;
        for (_, index, r, text, event) in gsr_sentences(&records) {
            // The held-out half (odd index) is never trained on.
            if index % 2 != 0 {
                continue;
            }
            push(text, &codes(&r["source"]), &codes(&r["target"]), event.to_string(), &mut gsr_out);
        }
    }
    Ok(TrainingSet { table: out, gsr_dev: gsr_out, skipped })
}

/// The GSR's sentences after its header record, with their record number, their 0-based sentence index (even: dev,
/// odd: held-out), the record, its text and its event label; records without both are skipped and not counted.
fn gsr_sentences(
    records: &[serde_json::Value],
) -> impl Iterator<Item = (usize, usize, &serde_json::Value, &str, &str)> {
    records
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(n, r)| Some((n, r, r.get("text")?.as_str()?, r.get("event")?.as_str()?)))
        .enumerate()
        .map(|(index, (n, r, text, event))| (n, index, r, text, event))
}

/// What [`training_examples`] read.
pub struct TrainingSet {
    /// The construction table's examples, in file order.
    pub table: Vec<dyad_events::learned::Example>,
    /// The GSR dev half's examples, in file order.
    pub gsr_dev: Vec<dyad_events::learned::Example>,
    /// Rows and sentences left out because the actors stage did not find their parties.
    pub skipped: usize,
}

impl TrainingSet {
    /// The examples to train on: every table example once, then each GSR dev example whose index `keep` accepts
    /// `gsr_weight` times (the GSR's wire copy is the kind of text the model is asked about).
    pub fn examples(&self, gsr_weight: usize, keep: impl Fn(usize) -> bool) -> Vec<dyad_events::learned::Example> {
        let gsr = self.gsr_dev.iter().enumerate().filter(|&(i, _)| keep(i));
        self.table.iter().chain(gsr.flat_map(|(_, e)| std::iter::repeat_n(e, gsr_weight))).cloned().collect()
    }
}

/// (sentences, exact, category only, any event emitted)
type Row = (usize, usize, usize, usize);

fn add(row: &mut Row, other: Row) {
    row.0 += other.0;
    row.1 += other.1;
    row.2 += other.2;
    row.3 += other.3;
}

fn add3(a: (usize, usize, usize), b: (usize, usize, usize)) -> (usize, usize, usize) {
    (a.0 + b.0, a.1 + b.1, a.2 + b.2)
}

fn print_row(label: &str, (n, exact, cat_ok, any): Row) -> Result<(), crate::BenchError> {
    let pct = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    say!("{label:<12} {n:>5} {:>7.1}% {:>8.1}% {:>7.1}%", pct(exact), pct(cat_ok), pct(any));
    Ok(())
}

fn article(file: String, text: &str) -> Article {
    // One sentence is too short for page extraction to call it an article: it is the whole body.
    Article::from_body(file, vec![Block { text: text.to_string(), start: 0, end: text.len() }])
}

fn print_coded(coded: &dyad_pipeline::CodedArticle) -> Result<(), crate::BenchError> {
    let category = |e: &dyad_events::EventRecord| gsr_category(e.plover.as_deref().unwrap_or("-"), &e.root, &e.code);
    for e in &coded.events {
        say!(
            "    coded {} {} {} -> {} [{}]{}{}",
            e.code,
            category(e),
            party_code(Some(&e.source)),
            party_code(e.target.as_ref()),
            e.pattern,
            if e.flags.negated { " negated" } else { "" },
            if e.flags.future { " future" } else { "" },
        );
    }
    let mentions: Vec<String> = coded
        .mentions
        .iter()
        .map(|m| format!("{:?}={}/{:?}", m.mention.text, m.mention.code, m.mention.kind))
        .collect();
    say!("    actors {}", mentions.join(" "));
    Ok(())
}

/// The counts of one run over the GSR.
#[derive(Default)]
struct Tally {
    /// Per GSR category.
    per: BTreeMap<String, Row>,
    /// Per half (dev, held-out).
    halves: [Row; 2],
    /// Per half, with events that name no target kept.
    monadic: [Row; 2],
    /// Per half: (events coded, matching the gold event, of another category than the gold event).
    events_coded: [(usize, usize, usize); 2],
}

impl Tally {
    /// Prints the table of shares and the share of coded events that are not the gold event.
    fn print(&self) -> Result<(), crate::BenchError> {
        say!("{:<12} {:>5} {:>8} {:>9} {:>8}", "category", "n", "exact", "category", "any");
        let mut total = (0, 0, 0, 0);
        for (cat, row) in &self.per {
            print_row(cat, *row)?;
            add(&mut total, *row);
        }
        print_row("ALL dev", self.halves[0])?;
        print_row("ALL held-out", self.halves[1])?;
        print_row("ALL", total)?;
        let mut both = self.monadic[0];
        add(&mut both, self.monadic[1]);
        say!("with events that name no target (Coder::with_monadic):");
        print_row("ALL dev", self.monadic[0])?;
        print_row("ALL held-out", self.monadic[1])?;
        print_row("ALL", both)?;
        // UniversalPetrarch's "23 % false positives" counted coded events that match no gold event. A GSR sentence
        // has one gold event, and some sentences report a second real one ("killed X and wounded Y"), so this share
        // is an upper bound on the false positives.
        say!("coded events (dyadic) that are not the sentence's gold event:");
        for (label, (n, right, other)) in [
            ("dev", self.events_coded[0]),
            ("held-out", self.events_coded[1]),
            ("ALL", add3(self.events_coded[0], self.events_coded[1])),
        ] {
            let pct = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
            say!(
                "{label:<12} {n:>5} events, {:>5.1}% not the gold event, {:>5.1}% of another category",
                pct(n - right),
                pct(other)
            );
        }
        say!("exact = category and source/target countries right; any = at least one event coded");
        say!("dev = even 0-based sentence index, held-out = odd; tune only on dev failures");
        Ok(())
    }
}

/// Runs the benchmark and prints per-category and overall shares.
pub fn run(args: Args, bench_dir: &Path, tree: bool) -> Result<(), BenchError> {
    let usage = match args.verbs_use {
        VerbsUse::Everywhere => dyad_events::LoadedUse::Everywhere,
        VerbsUse::Predicate => dyad_events::LoadedUse::WhereBuiltinMatchesNothing,
        VerbsUse::Sentence => dyad_events::LoadedUse::WhereSentenceHasNoEvent,
    };
    let dicts = dyad_ingest::read_verbs(&args.verbs, &mut |l| eprintln!("{l}"))?
        .map(|d| &*Box::leak(Box::new(d.with_loaded_use(usage, !args.verbs_no_bare))));
    let new_coder = || {
        let coder = dyad_pipeline::Coder::new().with_tree(tree);
        match dicts {
            Some(d) => coder.with_dictionaries(d),
            None => coder,
        }
    };
    if let Some(text) = &args.sentence {
        let coded = new_coder().with_monadic(true).code(&article("sentence.txt".into(), text), None);
        print_coded(&coded)?;
        return Ok(());
    }
    let path = bench_dir.join("plover-gsr/PLOVER_GSR_CAMEO.json");
    let records: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let mut coder = new_coder();
    // The same pipeline keeping events that name no target, which the GSR also codes ("X resigned").
    let mut monadic_coder = new_coder().with_monadic(true);
    let mut tally = Tally::default();
    let learned = match &args.learned {
        Some(p) => {
            let reading = || format!("reading the learned model {}", p.display());
            let bytes = std::fs::read(p).with_context(reading)?;
            Some(dyad_events::learned::Model::from_bytes(&bytes).with_context(reading)?)
        }
        None => None,
    };
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    let mut learned_counts = [(0usize, 0usize); 2];
    // Events re-labelled: (count, now of the gold category, of the gold category before).
    let mut relabelled = [(0usize, 0usize, 0usize); 2];
    // The classifier alone, asked about the gold pair: (sentences whose gold parties were found, right category).
    let mut alone = [(0usize, 0usize); 2];
    for (n, index, r, text, event) in gsr_sentences(&records) {
        let half = index % 2;
        let sources = codes(&r["source"]);
        let targets = codes(&r["target"]);
        let article = article(format!("gsr-{n:04}.txt"), text);
        // Every GSR sentence carries the same placeholder date (2000-01-01), which is no publication date: with
        // it, "in late 2002" would read as a plan. Code without an anchor, as for an undated page.
        let mut coded = coder.code(&article, None);
        let with_monadic = monadic_coder.code(&article, None);
        let cues = rule_cues_of(&with_monadic);
        if let Some(model) = &learned {
            let (tokens, parse, parties) = tokens_and_parties(text, &coded, tree);
            if let Some((s, t)) = gold_pair(&parties, &sources, &targets) {
                dyad_events::learned::features(&tokens, parse.as_ref(), &cues, &s.0, &t.0, &mut feats);
                let p = model.predict(&feats, &mut scores);
                alone[half].0 += 1;
                alone[half].1 += usize::from(p.is_some_and(|p| p.class == event));
            }
        }
        if let (Some(model), Some(least)) = (&learned, args.learned_relabel) {
            let (tokens, parse, parties) = tokens_and_parties(text, &coded, tree);
            for e in coded.events.iter_mut() {
                let of = |p: Option<&dyad_events::Party>| {
                    let p = p?;
                    parties.iter().find(|m| m.2 == p.id)
                };
                let (Some(s), Some(t)) = (of(Some(&e.source)), of(e.target.as_ref())) else { continue };
                dyad_events::learned::features(&tokens, parse.as_ref(), &cues, &s.0, &t.0, &mut feats);
                let Some(p) = model.predict(&feats, &mut scores) else { continue };
                if p.margin >= least && p.class != event_category(e) {
                    let was = event_category(e) == event;
                    if let Some(new) = learned_event(p.class, "", "") {
                        relabelled[half].0 += 1;
                        relabelled[half].1 += usize::from(p.class == event);
                        relabelled[half].2 += usize::from(was);
                        e.code = new.code;
                        e.root = new.root;
                        e.plover = new.plover;
                    }
                }
            }
        }
        if let Some(model) = &learned
            && coded.events.is_empty()
        {
            let (tokens, parse, parties) = tokens_and_parties(text, &coded, tree);
            if let Some((s, t)) = learned_pair(&parties) {
                dyad_events::learned::features(&tokens, parse.as_ref(), &cues, &s.0, &t.0, &mut feats);
                if let Some(p) = model.predict(&feats, &mut scores)
                    && p.margin >= args.learned_margin
                {
                    learned_counts[half].0 += 1;
                    learned_counts[half].1 += usize::from(p.class == event);
                    coded.events.extend(learned_event(p.class, &s.1, &t.1));
                }
            }
        }
        let category =
            |e: &dyad_events::EventRecord| gsr_category(e.plover.as_deref().unwrap_or("-"), &e.root, &e.code);
        let country = party_code;
        let score = |events: &[dyad_events::EventRecord]| {
            let cat_ok = events.iter().any(|e| category(e) == event);
            let exact = events.iter().any(|e| {
                category(e) == event
                    && sources.contains(&country(Some(&e.source)))
                    && (targets.is_empty() || targets.contains(&country(e.target.as_ref())))
            });
            (1, usize::from(exact), usize::from(cat_ok), usize::from(!events.is_empty()))
        };
        let row = score(&coded.events);
        for e in &coded.events {
            let cat_ok = category(e) == event;
            let countries_ok = sources.contains(&country(Some(&e.source)))
                && (targets.is_empty() || targets.contains(&country(e.target.as_ref())));
            let counts = &mut tally.events_coded[half];
            counts.0 += 1;
            counts.1 += usize::from(cat_ok && countries_ok);
            counts.2 += usize::from(!cat_ok);
            if args.off_gold && half == 0 && !(cat_ok && countries_ok) {
                let why = match (cat_ok, countries_ok) {
                    (true, _) => "gold category, other parties",
                    (false, true) => "other category, gold parties",
                    (false, false) => "other category, other parties",
                };
                say!(
                    "off-gold dev #{} gold {event} {sources:?}>{targets:?}: coded {} {} {} -> {} [{}] ({why}; exact {})",
                    index,
                    e.code,
                    category(e),
                    country(Some(&e.source)),
                    country(e.target.as_ref()),
                    e.pattern,
                    row.1 == 1
                );
                say!("    {text}");
            }
        }
        add(&mut tally.monadic[half], score(&with_monadic.events));
        let exact = row.1 == 1;
        add(tally.per.entry(event.to_string()).or_default(), row);
        add(&mut tally.halves[half], row);
        if args.failures && !exact && (half == 0 || args.all_failures) {
            let which = if half == 0 { "dev" } else { "held-out" };
            say!("--- {which} #{} {event} src={sources:?} tgt={targets:?}", index);
            say!("    {text}");
            // What the coder found, events with no target included (they are what most near-misses are).
            print_coded(&with_monadic)?;
        }
    }
    if !args.verbs.is_empty() {
        let names: Vec<String> = args.verbs.iter().map(|p| p.display().to_string()).collect();
        say!("verb patterns: built-in + {}", names.join(" + "));
    }
    tally.print()?;
    if learned.is_some() {
        for (label, (n, right)) in [("dev", learned_counts[0]), ("held-out", learned_counts[1])] {
            say!(
                "learned model coded {n} {label} sentences the rules left without an event, {right} of the gold category"
            );
        }
        for (label, (n, right, was)) in [("dev", relabelled[0]), ("held-out", relabelled[1])] {
            say!("learned model re-labelled {n} {label} events: {right} now of the gold category, {was} were before");
        }
        for (label, (n, right)) in [("dev", alone[0]), ("held-out", alone[1])] {
            let pct = 100.0 * right as f64 / n.max(1) as f64;
            say!("learned model alone on the gold pair, {label}: {right}/{n} of the gold category ({pct:.1}%)");
        }
    }
    Ok(())
}

/// The record of an event the learned model codes, for scoring: the category's first CAMEO code in the codebook
/// that maps to it, between the two parties.
fn learned_event(category: &str, source: &str, target: &str) -> Option<dyad_events::EventRecord> {
    let codebook = dyad_events::Codebook::builtin();
    let code = codebook
        .iter()
        .find(|c| gsr_category(c.plover.unwrap_or("-"), c.root(), c.code) == category)
        .map(|c| c.code)?;
    let party = |p: &str| dyad_events::Party { country: Some(p.to_string()), ..Default::default() };
    dyad_events::EventRecord::for_code(code, party(source), Some(party(target)), "learned")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parties() -> Parties {
        vec![(0..1, "USA".into(), "us".into()), (2..3, "USA".into(), "us".into()), (5..7, "CHN".into(), "cn".into())]
    }

    #[test]
    fn the_learned_pair_is_the_first_party_and_the_next_other_actor() {
        let p = parties();
        let (s, t) = learned_pair(&p).unwrap();
        assert_eq!((s.0.clone(), t.0.clone()), (0..1, 5..7));
        assert!(learned_pair(&p[..2]).is_none(), "one actor named twice is no pair");
    }

    #[test]
    fn the_gold_pair_takes_the_gold_parties_in_either_order() {
        let p = parties();
        let (s, t) = gold_pair(&p, &["CHN".into()], &["USA".into()]).unwrap();
        assert_eq!((s.0.clone(), t.0.clone()), (5..7, 0..1));
        assert!(gold_pair(&p, &["RUS".into()], &["USA".into()]).is_none());
    }

    #[test]
    fn a_learned_event_carries_a_code_of_its_category() {
        let e = learned_event("FIGHT", "RUS", "UKR").unwrap();
        assert_eq!(gsr_category(e.plover.as_deref().unwrap_or("-"), &e.root, &e.code), "FIGHT");
        assert_eq!((party_code(Some(&e.source)), party_code(e.target.as_ref())), ("RUS".into(), "UKR".into()));
        assert!(learned_event("NO SUCH", "RUS", "UKR").is_none());
    }
}
