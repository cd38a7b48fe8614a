//! The word lists of `data/event_precision.tsv` (which words make a predicate ordinary prose, which verbs control
//! an infinitive, which nouns stand for their possessor's side, ...) and the irregular pasts of
//! `data/time_past_verbs.tsv`.

use crate::embedded::loaded;
use dyad_core::DataError;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

pub(crate) const PRECISION_TSV: &str = include_str!("../../../../data/event_precision.tsv");
pub(crate) const PAST_VERBS_TSV: &str = include_str!("../../../../data/time_past_verbs.tsv");

/// The word lists of `data/event_precision.tsv`, one set per kind.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    pub(crate) ordinary: HashSet<&'static str>,
    pub(crate) contest: HashSet<&'static str>,
    pub(crate) sport: Vec<Vec<&'static str>>,
    /// Index of `sport` and `fixed` phrases by their first word.
    pub(crate) sport_first: HashMap<&'static str, Vec<usize>>,
    pub(crate) fixed_first: HashMap<&'static str, Vec<usize>>,
    pub(crate) degree: HashSet<&'static str>,
    pub(crate) fixed: Vec<Vec<&'static str>>,
    pub(crate) particle: HashSet<&'static str>,
    pub(crate) plural_of: HashSet<&'static str>,
    pub(crate) agent: HashSet<&'static str>,
    pub(crate) irrealis: HashSet<&'static str>,
    pub(crate) bridge: HashSet<&'static str>,
    pub(crate) express: HashSet<&'static str>,
    pub(crate) that_target: HashSet<&'static str>,
    pub(crate) control: HashSet<&'static str>,
    pub(crate) opener: HashSet<&'static str>,
    pub(crate) request: HashSet<&'static str>,
    pub(crate) prevent: HashSet<&'static str>,
    pub(crate) opinion: HashSet<&'static str>,
    pub(crate) accident: HashSet<&'static str>,
    pub(crate) reason: HashSet<&'static str>,
    pub(crate) nonassertive: HashSet<&'static str>,
    pub(crate) stance: HashSet<&'static str>,
    pub(crate) proxy: HashSet<&'static str>,
    pub(crate) owned_for: HashSet<&'static str>,
    /// Nouns whose "by" agent takes the act in their "to" infinitive ("the decision by X to expel").
    pub(crate) decided: HashSet<&'static str>,
    pub(crate) undo: HashSet<&'static str>,
    pub(crate) nonfactual: Vec<Vec<&'static str>>,
    pub(crate) attribution: Vec<Vec<&'static str>>,
    pub(crate) attribution_first: HashMap<&'static str, Vec<usize>>,
    /// Phrases that open a purpose infinitive ("in an attempt to"), whose parties are no target before it.
    pub(crate) purpose: Vec<Vec<&'static str>>,
    /// Nouns of a legal or political contest ("extradition", "charge"): an armed verb's object, a fight in court.
    pub(crate) legal_contest: HashSet<&'static str>,
    /// Nouns naming military aircraft ("warplane", "air"): an attack by them is aerial (195).
    pub(crate) aircraft: HashSet<&'static str>,
    /// Nouns naming remotely piloted aircraft ("drone"): an attack by them is 1952.
    pub(crate) drone: HashSet<&'static str>,
    /// Nouns naming artillery and tanks ("artillery", "tank"): an attack by them is 194.
    pub(crate) artillery: HashSet<&'static str>,
    /// Nouns naming attackers with small arms ("sniper", "gunman"): an attack by them is 193.
    pub(crate) small_arms: HashSet<&'static str>,
    /// Words naming a suicide attacker ("suicide" in "suicide bomber"): an attack by one is 1831.
    pub(crate) suicide: HashSet<&'static str>,
    /// Verbs that demand with a that-clause only when it is mandative ("insist").
    pub(crate) mandative: HashSet<&'static str>,
    /// Verbs of telling or requiring that with "to" demand only of the party right before it ("tell").
    pub(crate) directive: HashSet<&'static str>,
    /// Verbs that with "out" remove a party by force, in the passive or before the party ("drag").
    pub(crate) removal: HashSet<&'static str>,
    /// Verbs of warning whose complement's modal act is a threat ("warn").
    pub(crate) warning: HashSet<&'static str>,
    /// Modals that after a warning's subject announce the act ("could", "will").
    pub(crate) threat_modal: HashSet<&'static str>,
    /// Verbs that take their addressee before what they say ("warn", "assure").
    pub(crate) addressee: HashSet<&'static str>,
    /// Words before a protest that say what its protesters demand ("demanding").
    pub(crate) aim_verb: HashSet<&'static str>,
    /// Nouns naming a thing made public ("transcript"): as a release's object, no party is released.
    pub(crate) released_thing: HashSet<&'static str>,
    /// Nouns naming an investigation ("probe"): an event noun in their "into" phrase is the act investigated.
    pub(crate) inquiry: HashSet<&'static str>,
}

pub(crate) fn parse_lists(src: &'static str) -> Result<Lists, DataError> {
    let mut lists = Lists::default();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| DataError { file: "event_precision.tsv", line: n + 1, message };
        let mut cols = line.split('\t');
        let (Some(kind), Some(phrase), None) = (cols.next(), cols.next(), cols.next()) else {
            return Err(err("expected 2 tab-separated columns".into()));
        };
        let phrase = phrase.trim();
        if phrase.is_empty() || phrase.chars().any(|c| c.is_uppercase()) {
            return Err(err(format!("phrase {phrase:?} must be non-empty lower case")));
        }
        let words: Vec<&'static str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
        let single = || if words.len() == 1 { Ok(phrase) } else { Err(err(format!("{kind}: one word expected"))) };
        match kind.trim() {
            "ordinary" => lists.ordinary.insert(single()?),
            "contest" => lists.contest.insert(single()?),
            "degree" => lists.degree.insert(single()?),
            "particle" => lists.particle.insert(single()?),
            "plural_of" => lists.plural_of.insert(single()?),
            "agent" => lists.agent.insert(single()?),
            "irrealis" => lists.irrealis.insert(single()?),
            "bridge" => lists.bridge.insert(single()?),
            "express" => lists.express.insert(single()?),
            "that_target" => lists.that_target.insert(single()?),
            "control" => lists.control.insert(single()?),
            "opener" => lists.opener.insert(single()?),
            "request" => lists.request.insert(single()?),
            "prevent" => lists.prevent.insert(single()?),
            "opinion" => lists.opinion.insert(single()?),
            "accident" => lists.accident.insert(single()?),
            "reason" => lists.reason.insert(single()?),
            "nonassertive" => lists.nonassertive.insert(single()?),
            "stance" => lists.stance.insert(single()?),
            "proxy" => lists.proxy.insert(single()?),
            "owned_for" => lists.owned_for.insert(single()?),
            "decided" => lists.decided.insert(single()?),
            "legal_contest" => lists.legal_contest.insert(single()?),
            "aircraft" => lists.aircraft.insert(single()?),
            "drone" => lists.drone.insert(single()?),
            "artillery" => lists.artillery.insert(single()?),
            "small_arms" => lists.small_arms.insert(single()?),
            "suicide" => lists.suicide.insert(single()?),
            "undo" => lists.undo.insert(single()?),
            "mandative" => lists.mandative.insert(single()?),
            "directive" => lists.directive.insert(single()?),
            "removal" => lists.removal.insert(single()?),
            "warning" => lists.warning.insert(single()?),
            "threat_modal" => lists.threat_modal.insert(single()?),
            "aim_verb" => lists.aim_verb.insert(single()?),
            "addressee" => lists.addressee.insert(single()?),
            "released_thing" => lists.released_thing.insert(single()?),
            "inquiry" => lists.inquiry.insert(single()?),
            "nonfactual" => {
                lists.nonfactual.push(words);
                true
            }
            "attribution" => {
                lists.attribution_first.entry(words[0]).or_default().push(lists.attribution.len());
                lists.attribution.push(words);
                true
            }
            "sport" => {
                lists.sport_first.entry(words[0]).or_default().push(lists.sport.len());
                lists.sport.push(words);
                true
            }
            "purpose" => {
                lists.purpose.push(words);
                true
            }
            "fixed" => {
                lists.fixed_first.entry(words[0]).or_default().push(lists.fixed.len());
                lists.fixed.push(words);
                true
            }
            k => return Err(err(format!("unknown kind {k:?}"))),
        };
    }
    Ok(lists)
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| loaded(parse_lists(PRECISION_TSV)));

/// Irregular simple pasts ("held", "had"): after a name, one of these is a finite verb, not a noun the name
/// modifies.
pub(crate) static PAST_VERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| loaded(parse_past_verbs(PAST_VERBS_TSV)));

pub(crate) fn lists() -> &'static Lists {
    &LISTS
}

/// The words of `data/time_past_verbs.tsv`, one lower-case word a line.
pub(crate) fn parse_past_verbs(src: &'static str) -> Result<HashSet<&'static str>, DataError> {
    dyad_core::data_lines(src)
        .map(|(line, l)| {
            let w = l.trim();
            if w.is_empty() || w.chars().any(|c| c.is_whitespace() || c.is_uppercase()) {
                Err(DataError {
                    file: "time_past_verbs.tsv",
                    line,
                    message: format!("{w:?} is not one lower-case word"),
                })
            } else {
                Ok(w)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_lists_load() {
        let l = parse_lists(PRECISION_TSV).expect("event_precision.tsv");
        assert!(l.ordinary.contains("offer") && l.ordinary.contains("receive"));
        assert!(l.released_thing.contains("transcript") && !l.released_thing.contains("prisoner"));
        assert!(l.inquiry.contains("probe") && !l.inquiry.contains("attack"));
        assert!(l.contest.contains("beat"));
        assert!(l.fixed.iter().any(|p| p == &["in", "order", "to"]));
        assert!(l.agent.contains("colonist") && l.particle.contains("back"));
        assert!(l.that_target.contains("demand") && !l.that_target.contains("warn"));
        assert!(l.control.contains("get") && !l.control.contains("urge") && l.opener.contains("but"));
        assert!(l.request.contains("urge") && l.prevent.contains("bar") && l.opinion.contains("consider"));
        assert!(l.accident.contains("crash") && l.nonfactual.iter().any(|p| p == &["tantamount", "to"]));
        assert!(l.attribution.iter().any(|p| p == &["according", "to"]));
        assert!(l.purpose.iter().any(|p| p == &["in", "an", "attempt", "to"]) && l.opener.contains("however"));
        assert!(l.legal_contest.contains("extradition") && !l.legal_contest.contains("rebel"));
        assert!(l.aircraft.contains("warplane") && l.drone.contains("drone") && !l.aircraft.contains("tank"));
        assert!(l.undo.contains("remove") && l.undo.contains("lift") && !l.undo.contains("impose"));
        assert!(l.mandative.contains("insist") && l.directive.contains("tell") && l.removal.contains("drag"));
        assert!(!l.directive.contains("say") && !l.removal.contains("pull"));
        assert!(l.warning.contains("warn") && l.threat_modal.contains("could") && l.aim_verb.contains("demanding"));
        assert!(l.addressee.contains("assure") && !l.addressee.contains("say"));
        assert!(!l.threat_modal.contains("must") && !l.threat_modal.contains("should"));
        assert!(
            l.nonassertive.contains("any") && l.nonassertive.contains("unaware") && !l.nonassertive.contains("the")
        );
        assert!(l.stance.contains("see") && l.stance.contains("saw") && !l.stance.contains("hold"));
        assert!(l.proxy.contains("country") && !l.proxy.contains("lawyer") && l.owned_for.contains("responsibility"));
        assert!(l.decided.contains("decision") && !l.decided.contains("plan"));
        assert!(parse_lists("request\ttwo words\n").is_err());
        assert!(parse_lists("control\ttwo words\n").is_err());
        assert!(parse_lists("bogus\tword\n").is_err());
        assert!(parse_lists("ordinary\ttwo words\n").is_err());
        assert!(parse_lists("agent\tUpper\n").is_err());
        assert!(parse_lists("agent\n").is_err());
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let err = parse_lists("# header\nagent\tofficial\nagent\tUpper\n").unwrap_err();
        assert_eq!(err.to_string(), "event_precision.tsv:3: phrase \"Upper\" must be non-empty lower case");
        let err = parse_past_verbs("# header\nheld\nhad been\n").unwrap_err();
        assert_eq!(err.to_string(), "time_past_verbs.tsv:3: \"had been\" is not one lower-case word");
    }

    #[test]
    fn past_verbs_load() {
        let past = parse_past_verbs(PAST_VERBS_TSV).expect("time_past_verbs.tsv");
        assert!(past.contains("held") && past.contains("had"));
    }
}
