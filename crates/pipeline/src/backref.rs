//! An act's target named by a reference to an earlier act: "Russia accused the United States of meddling. The
//! Pentagon rejected these accusations." The event coder marks the rejection, which names no target, with the
//! noun ("accusation") and the codes of the act it names (112, `data/act_references.tsv`); here the article's
//! earlier acts are searched for the latest one of those codes, and a reply to it is aimed at whoever made it.
//! One article at a time: the acts of another document are never seen.

use dyad_events::{ActReference, Party};

/// How many sentences back the act a reference names may be told ("these accusations" two sentences on).
pub(crate) const BACK_SENTENCES: usize = 3;

/// The codes of a reply, an act aimed at whoever made the act it answers: a denial (016), an acceptance or
/// agreement (03), a welcome (05), a concession (08), criticism (11), a rejection (12).
const REPLY_CODES: [&str; 6] = ["016", "03", "05", "08", "11", "12"];

/// Whether an event coded `code` answers the act its object names.
pub(crate) fn is_reply(code: &str) -> bool {
    REPLY_CODES.iter().any(|c| code.starts_with(c))
}

/// An act coded earlier in the article: its sentence, its CAMEO code and who made it.
#[derive(Debug, Clone)]
pub(crate) struct EarlierAct {
    pub(crate) sentence: usize,
    pub(crate) code: String,
    pub(crate) source: Party,
}

/// The acts of an article's last [`BACK_SENTENCES`] sentences.
#[derive(Debug, Default)]
pub(crate) struct EarlierActs {
    acts: Vec<EarlierAct>,
}

/// Who a reference names: the parties that made the act, and the sentence and code of that act.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub(crate) sentence: usize,
    pub(crate) code: String,
    pub(crate) parties: Vec<Party>,
}

impl EarlierActs {
    /// Remembers an act of sentence `act.sentence`, forgetting those too far back to be named from it.
    pub(crate) fn push(&mut self, act: EarlierAct) {
        let now = act.sentence;
        self.acts.retain(|a| a.sentence + BACK_SENTENCES >= now);
        self.acts.push(act);
    }

    /// The parties a reply coded `code` by `source` in sentence `sentence` answers when its object is `reference`:
    /// the makers of the latest earlier act of the reference's codes, within [`BACK_SENTENCES`] sentences before
    /// it, other than `source` itself (every maker in that act's sentence: "Russia and Syria accused ..."). `None`
    /// when the event is no reply or no such act is found.
    pub(crate) fn resolve(
        &self,
        reference: &ActReference,
        sentence: usize,
        code: &str,
        source: &Party,
    ) -> Option<Resolved> {
        if !is_reply(code) {
            return None;
        }
        let same = |p: &Party| p.id == source.id;
        let named = |a: &&EarlierAct| {
            a.sentence < sentence
                && a.sentence + BACK_SENTENCES >= sentence
                && reference.names(&a.code)
                && !same(&a.source)
        };
        let latest = self.acts.iter().filter(named).map(|a| a.sentence).max()?;
        let mut parties: Vec<Party> = Vec::new();
        let mut first: Option<&EarlierAct> = None;
        for act in self.acts.iter().filter(named).filter(|a| a.sentence == latest) {
            first.get_or_insert(act);
            if !parties.iter().any(|p| p.id == act.source.id) {
                parties.push(act.source.clone());
            }
        }
        let first = first?;
        Some(Resolved { sentence: latest, code: first.code.clone(), parties })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::Span;

    fn party(id: &str) -> Party {
        Party { id: id.into(), name: id.into(), code: Some(id.into()), country: Some(id[..3].into()) }
    }

    fn act(sentence: usize, code: &str, source: &str) -> EarlierAct {
        EarlierAct { sentence, code: code.into(), source: party(source) }
    }

    fn accusations() -> ActReference {
        ActReference { event: 0, noun: "accusation", codes: &["112"], span: Span::new("x", 0, 1).unwrap() }
    }

    #[test]
    fn a_reply_answers_the_makers_of_the_latest_act_of_the_codes() {
        let mut acts = EarlierActs::default();
        acts.push(act(0, "112", "IRN"));
        acts.push(act(2, "112", "RUSMIL"));
        acts.push(act(2, "112", "SYRMIL"));
        acts.push(act(2, "100", "CHN"));
        let found = acts.resolve(&accusations(), 3, "016", &party("USAMIL")).expect("resolved");
        assert_eq!(found.sentence, 2);
        assert_eq!(found.code, "112");
        let ids: Vec<_> = found.parties.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["RUSMIL", "SYRMIL"]);
    }

    #[test]
    fn no_act_no_target() {
        let mut acts = EarlierActs::default();
        acts.push(act(0, "112", "RUS"));
        acts.push(act(1, "040", "CHN"));
        // Too far back.
        assert_eq!(acts.resolve(&accusations(), 4, "120", &party("USA")), None);
        // Within reach, but not a reply.
        assert_eq!(acts.resolve(&accusations(), 2, "190", &party("USA")), None);
        // The same sentence, or a later one, is not earlier.
        assert_eq!(acts.resolve(&accusations(), 0, "120", &party("USA")), None);
        // Its own act: no one else to answer.
        assert_eq!(acts.resolve(&accusations(), 1, "120", &party("RUS")), None);
        // In reach and a reply.
        assert!(acts.resolve(&accusations(), 3, "120", &party("USA")).is_some());
    }

    #[test]
    fn acts_too_far_back_are_forgotten() {
        let mut acts = EarlierActs::default();
        acts.push(act(0, "112", "RUS"));
        acts.push(act(9, "040", "CHN"));
        assert_eq!(acts.acts.len(), 1);
    }

    #[test]
    fn the_reply_codes() {
        assert!(is_reply("016") && is_reply("120") && is_reply("1246") && is_reply("051") && is_reply("030"));
        assert!(!is_reply("010") && !is_reply("190") && !is_reply("173"));
    }
}
