//! The registry of actors across documents, and the per-document resolver that keeps coreference state.

use crate::cues::{Binding, Gender, PersonCues};
use crate::data::{Caps, Entry, Gazetteer, RoleClass, Sense, Target};
use crate::model::{Actor, ActorKind, ActorMention, MentionForm, Role, cameo_code};
use crate::normalize::{Normalized, normalize};
use chrono::NaiveDate;
use dyad_core::{ActorCode, Sector, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// Lowercase particles that may sit inside a person's name ("Jesus De Los Angeles", "Ibn Saud").
const NAME_PARTICLES: &[&str] = &[
    "de", "del", "la", "las", "los", "da", "das", "do", "dos", "van", "von", "bin", "ibn", "al", "el", "di", "du", "le",
];

/// A URL- and id-friendly form of a name: "Kim Il-sung" → "kim-il-sung".
pub fn slug(name: &str) -> String {
    normalize(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

fn name_tokens(name: &str) -> Vec<String> {
    normalize(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

fn significant(tokens: &[String]) -> Vec<&str> {
    tokens.iter().map(String::as_str).filter(|t| !NAME_PARTICLES.contains(t)).collect()
}

/// Romanisations differ in endings ("Sotolong" / "Sotolongo"): long tokens that share a prefix match.
fn token_eq(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 5 && long.starts_with(short) && long.len() - short.len() <= 2
}

fn contained<S: AsRef<str>, L: AsRef<str>>(short: &[S], long: &[L]) -> bool {
    short.len() >= 2 && short.iter().all(|s| long.iter().any(|l| token_eq(s.as_ref(), l.as_ref())))
}

/// Actors learned from text, across documents, over a fixed [`Gazetteer`]. Serialisable so the store can persist
/// it; the gazetteer itself is not stored (it is rebuilt from the data files).
#[derive(Debug, Serialize, Deserialize)]
pub struct Registry {
    #[serde(skip, default = "Gazetteer::builtin")]
    gaz: Arc<Gazetteer>,
    people: Vec<Actor>,
    #[serde(skip)]
    by_name: HashMap<String, Vec<u32>>,
    /// Significant name token (and each of its 1- and 2-byte shorter prefixes, see [`token_eq`]) → people.
    #[serde(skip)]
    by_token: HashMap<String, Vec<u32>>,
    #[serde(skip)]
    by_id: HashMap<String, u32>,
    /// Per person, the tokens of each alias, normalised once: matching reads these instead of re-normalising
    /// every candidate's aliases on every lookup (which made ingest quadratic in the people learned).
    #[serde(skip)]
    alias_tokens: Vec<Vec<AliasTokens>>,
    /// Per person, each 4-char prefix of their significant tokens with the order in which the person first got it:
    /// ties between several matching people go to the one that has held the query token's prefix longest, which
    /// keeps the choice stable as the registry grows.
    #[serde(skip)]
    prefix_seq: Vec<Vec<(Box<str>, u64)>>,
    #[serde(skip)]
    next_seq: u64,
}

/// One alias split into normalised tokens, with the particles left out of `significant`.
#[derive(Debug, Default)]
struct AliasTokens {
    all: Vec<Box<str>>,
    significant: Vec<Box<str>>,
}

impl AliasTokens {
    fn new(alias: &str) -> AliasTokens {
        let all: Vec<Box<str>> = name_tokens(alias).into_iter().map(String::into_boxed_str).collect();
        let significant = all.iter().filter(|t| !NAME_PARTICLES.contains(&&***t)).cloned().collect();
        AliasTokens { all, significant }
    }
}

/// The first four chars of a token: the granularity at which people are ordered for ties.
fn prefix4(token: &str) -> &str {
    token.char_indices().nth(4).map_or(token, |(i, _)| &token[..i])
}

/// The keys under which a significant token is indexed: itself and the prefixes that [`token_eq`] would accept as
/// the same name ("sotolong" for "sotolongo"), so a lookup of either form finds the other.
fn token_keys(token: &str) -> impl Iterator<Item = &str> {
    (0..=2).filter_map(move |cut| {
        let len = token.len().checked_sub(cut)?;
        (cut == 0 || len >= 5).then(|| token.get(..len)).flatten()
    })
}

impl Default for Registry {
    fn default() -> Registry {
        Registry::new()
    }
}

impl Registry {
    /// A registry over dyad's built-in dictionaries.
    pub fn new() -> Registry {
        Registry::with_gazetteer(Gazetteer::builtin())
    }

    /// A registry over a custom gazetteer (for example one extended with PETRARCH dictionaries).
    pub fn with_gazetteer(gaz: Arc<Gazetteer>) -> Registry {
        Registry {
            gaz,
            people: Vec::new(),
            by_name: HashMap::new(),
            by_token: HashMap::new(),
            by_id: HashMap::new(),
            alias_tokens: Vec::new(),
            prefix_seq: Vec::new(),
            next_seq: 0,
        }
    }

    /// Replaces the gazetteer (after deserialising a registry that used an extended one).
    pub fn set_gazetteer(&mut self, gaz: Arc<Gazetteer>) {
        self.gaz = gaz;
    }

    /// The people learned so far.
    pub fn people(&self) -> &[Actor] {
        &self.people
    }

    /// A registry over the built-in dictionaries that already knows `people` (as [`Registry::people`] returned
    /// them, in the same order: ties between people go to the one learned first), e.g. people a store kept.
    pub fn with_people(people: Vec<Actor>) -> Registry {
        let mut registry = Registry::new();
        registry.people = people;
        registry.ensure_index();
        registry
    }

    /// Starts a document dated `date` (the publication date picks dated roles and stamps learned ones).
    pub fn document(&mut self, date: Option<NaiveDate>) -> DocumentResolver<'_> {
        self.ensure_index();
        DocumentResolver {
            reg: self,
            date,
            country_counts: HashMap::new(),
            people: Vec::new(),
            seq: 0,
            last_subject: None,
            last_reported: None,
            genders: HashMap::new(),
            norm: Normalized::default(),
        }
    }

    /// Resolves a whole text as one document: splits it into sentences and returns every mention.
    pub fn resolve_text(&mut self, text: &str, date: Option<NaiveDate>) -> Vec<ActorMention> {
        let mut doc = self.document(date);
        let mut out = Vec::new();
        for (s, e) in crate::sentences::split_sentences(text) {
            out.extend(doc.resolve_sentence(text, s..e));
        }
        out
    }

    /// The full record of an actor by id (dictionary actors, learned people, and agent codes), as of `date`.
    pub fn actor(&self, id: &str, date: Option<NaiveDate>) -> Option<Actor> {
        if let Some(&p) = self.by_id.get(id) {
            return self.people.get(p as usize).cloned();
        }
        if let Some(&i) = self.gaz.by_id.get(id) {
            let e = &self.gaz.entries[i as usize];
            return Some(Actor {
                id: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind,
                code: entry_code(e, date),
                country: e.country.clone(),
                aliases: e.aliases.clone(),
                roles: e.roles.clone(),
            });
        }
        // Agents carry their code as id: CUBGOV, or an organisation's code (IGOCASSCO) for "SCO foreign ministers".
        if let Some(e) = self.gaz.entries.iter().find(|e| e.code == id && e.country.is_none()) {
            return self.actor(&e.id, date);
        }
        let code = ActorCode::parse(id).ok()?;
        let country = code.root();
        let name = self.gaz.country_name(country)?;
        Some(Actor {
            id: id.to_string(),
            name: format!("{name} ({})", code.rest()),
            kind: ActorKind::Agent,
            code: id.to_string(),
            country: Some(country.to_string()),
            aliases: Vec::new(),
            roles: Vec::new(),
        })
    }

    fn ensure_index(&mut self) {
        if self.by_name.is_empty() && !self.people.is_empty() {
            for i in 0..self.people.len() {
                self.by_id.insert(self.people[i].id.clone(), i as u32);
                let aliases = self.people[i].aliases.clone();
                for a in aliases {
                    self.index_alias(i as u32, &a);
                }
            }
        }
    }

    fn index_alias(&mut self, person: u32, alias: &str) {
        let key = normalize(alias);
        let list = self.by_name.entry(key).or_default();
        if !list.contains(&person) {
            list.push(person);
        }
        let tokens = AliasTokens::new(alias);
        for t in &tokens.significant {
            for k in token_keys(t) {
                let list = match self.by_token.get_mut(k) {
                    Some(list) => list,
                    None => self.by_token.entry(k.to_string()).or_default(),
                };
                // Sorted, so that membership is a binary search: lists of a common first name grow long.
                if let Err(at) = list.binary_search(&person) {
                    list.insert(at, person);
                }
            }
        }
        let p = person as usize;
        if self.alias_tokens.len() <= p {
            self.alias_tokens.resize_with(p + 1, Vec::new);
            self.prefix_seq.resize_with(p + 1, Vec::new);
        }
        for t in &tokens.significant {
            let prefix = prefix4(t);
            if !self.prefix_seq[p].iter().any(|(k, _)| &**k == prefix) {
                self.prefix_seq[p].push((prefix.into(), self.next_seq));
                self.next_seq += 1;
            }
        }
        if !self.alias_tokens[p].iter().any(|a| a.all == tokens.all) {
            self.alias_tokens[p].push(tokens);
        }
    }

    /// The people who have alias tokens matching at least two of the query tokens `sig`, in learning order. A
    /// person named by `sig` (or naming a part of it) always shares two tokens with it, since [`contained`] needs
    /// two; so the longest candidate list (a common first name) is only probed, never scanned, and looking a name up
    /// costs what its rarer tokens cost rather than growing with everyone who shares a first name.
    fn sharing_two_tokens(&self, sig: &[&str]) -> Vec<u32> {
        let lists: Vec<Vec<&[u32]>> = sig
            .iter()
            .map(|t| token_keys(t).filter_map(|k| self.by_token.get(k)).map(Vec::as_slice).collect())
            .collect();
        let size = |i: usize| lists[i].iter().map(|l| l.len()).sum::<usize>();
        let longest = (0..lists.len()).max_by_key(|&i| (size(i), i));
        let holds = |i: usize, p: u32| lists[i].iter().any(|l| l.binary_search(&p).is_ok());
        let mut out = Vec::new();
        for (i, token_lists) in lists.iter().enumerate().filter(|(i, _)| Some(*i) != longest) {
            for &p in token_lists.iter().flat_map(|l| l.iter()) {
                if (0..lists.len()).any(|j| j != i && holds(j, p)) {
                    out.push(p);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// People with a significant alias token that [`token_eq`] matches with `token`, possibly repeated.
    fn token_candidates<'a>(&'a self, token: &'a str) -> impl Iterator<Item = u32> + 'a {
        token_keys(token).filter_map(|k| self.by_token.get(k)).flatten().copied()
    }

    fn add_alias(&mut self, person: u32, alias: &str) {
        let p = &mut self.people[person as usize];
        if !p.aliases.iter().any(|a| a == alias) {
            p.aliases.push(alias.to_string());
        }
        self.index_alias(person, alias);
    }

    fn country_ok(&self, person: u32, country: Option<&str>) -> bool {
        match (self.people[person as usize].country.as_deref(), country) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }

    /// A known person whose name is `name` or contains / is contained in it (two tokens or more).
    fn find_person(&self, name: &str, country: Option<&str>, prefer: &[u32]) -> Option<u32> {
        let key = normalize(name);
        if let Some(list) = self.by_name.get(&key)
            && let Some(&p) = list.iter().find(|&&p| self.country_ok(p, country))
        {
            return Some(p);
        }
        let tokens = name_tokens(name);
        let sig = significant(&tokens);
        if sig.len() < 2 {
            return None;
        }
        // Among the matches, people already in this document first; then the one found through the earliest query
        // token, and for that token the person who has held its 4-char prefix longest.
        let mut best: Option<(u32, bool, (usize, u64))> = None;
        for p in self.sharing_two_tokens(&sig) {
            let preferred = prefer.contains(&p);
            if best.is_some_and(|(_, bpref, _)| bpref && !preferred) || !self.country_ok(p, country) {
                continue;
            }
            let hit = self.alias_tokens.get(p as usize).is_some_and(|aliases| {
                aliases.iter().any(|a| contained(&sig, &a.significant) || contained(&a.significant, &sig))
            });
            if !hit {
                continue;
            }
            let order = self.prefix_order(p, &sig);
            if best.is_none_or(|(_, bpref, border)| (preferred && !bpref) || order < border) {
                best = Some((p, preferred, order));
            }
        }
        best.map(|(p, _, _)| p)
    }

    /// The position at which a scan of people by the 4-char prefixes of the query tokens meets `person`.
    fn prefix_order(&self, person: u32, sig: &[&str]) -> (usize, u64) {
        let seqs = self.prefix_seq.get(person as usize).map_or(&[][..], Vec::as_slice);
        sig.iter()
            .enumerate()
            .find_map(|(i, t)| {
                let prefix = prefix4(t);
                seqs.iter().find(|(k, _)| &**k == prefix).map(|&(_, seq)| (i, seq))
            })
            .unwrap_or((usize::MAX, u64::MAX))
    }

    /// The registry person for a dictionary person (a listed leader), added on first mention so that later
    /// surnames and pronouns of the document find them like people learned from the text. Their code follows the
    /// dated role valid on `date`.
    fn adopt_entry(&mut self, e: &Entry, date: Option<NaiveDate>) -> u32 {
        let code = entry_code(e, date);
        if let Some(&p) = self.by_id.get(&e.id) {
            // Undated, a role the text gave the person earlier beats the first of their listed terms.
            if date.is_some() || e.roles.len() < 2 {
                self.people[p as usize].code = code;
            }
            return p;
        }
        let current = e.roles.iter().find(|r| r.valid_on(date));
        self.people.push(Actor {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: ActorKind::Person,
            code,
            country: current.and_then(|r| r.country.clone()).or_else(|| e.country.clone()),
            aliases: Vec::new(),
            roles: e.roles.clone(),
        });
        let idx = (self.people.len() - 1) as u32;
        self.by_id.insert(e.id.clone(), idx);
        for a in &e.aliases {
            self.add_alias(idx, a);
        }
        idx
    }

    fn new_person(&mut self, name: &str, country: Option<String>) -> u32 {
        let base = format!("person:{}", slug(name));
        let mut id = base.clone();
        let mut n = 2;
        while self.by_id.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let code = cameo_code(country.as_deref(), None);
        self.people.push(Actor {
            id,
            name: name.to_string(),
            kind: ActorKind::Person,
            code,
            country,
            aliases: Vec::new(),
            roles: Vec::new(),
        });
        let idx = (self.people.len() - 1) as u32;
        self.by_id.insert(self.people[idx as usize].id.clone(), idx);
        self.add_alias(idx, name);
        idx
    }

    fn add_role(&mut self, person: u32, role: &RoleInfo, date: Option<NaiveDate>) {
        let p = &mut self.people[person as usize];
        if p.country.is_none() {
            p.country = role.country.clone();
        }
        let country = role.country.clone().or_else(|| p.country.clone());
        if let Some(r) = p.roles.iter_mut().find(|r| r.role == role.text && r.country == country) {
            r.seen = r.seen.max(date);
            r.first_seen = match (r.first_seen, date) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        } else {
            p.roles.push(Role {
                role: role.text.clone(),
                country,
                sector: role.sector.clone(),
                seen: date,
                first_seen: date,
                from: None,
                until: None,
                code: None,
            });
        }
        if let Some(r) = p.roles.iter_mut().find(|r| r.role == role.text) {
            r.code = role.org_code.clone().filter(|_| role.country.is_none()).or(r.code.take());
        }
        // The latest role gives the code: an organisation's own code when it has no country (NATO's secretary
        // general is IGOWSTNAT), else country + sector.
        p.code = match (&p.country, &role.org_code) {
            (None, Some(org)) => org.clone(),
            _ => cameo_code(p.country.as_deref(), role.sector.as_deref()),
        };
    }
}

fn entry_code(e: &Entry, date: Option<NaiveDate>) -> String {
    if e.roles.is_empty() {
        return e.code.clone();
    }
    if let Some(r) = e.roles.iter().find(|r| r.valid_on(date) && r.has_coded_post()) {
        return r.code.clone().unwrap_or_default();
    }
    // No role valid then: out of office, the person is of their country's elite (CAMEO ELI, as PETRARCH's
    // dictionaries code office holders before and after their terms).
    let country = e.country.clone().unwrap_or_else(|| e.code.clone());
    if after_office(e, date) { format!("{country}ELI") } else { country }
}

/// Whether a listed person holds none of their listed posts on `date` (before or after them: a politician of
/// their country's elite, CAMEO ELI).
fn after_office(e: &Entry, date: Option<NaiveDate>) -> bool {
    date.is_some()
        && e.kind == ActorKind::Person
        && e.country.is_some()
        && e.roles.iter().any(|r| r.from.is_some() || r.until.is_some())
        && !e.roles.iter().any(|r| r.valid_on(date))
}

/// The role a phrase gives a person or agent.
#[derive(Debug, Clone, Default)]
struct RoleInfo {
    text: String,
    country: Option<String>,
    sector: Option<String>,
    org_code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Hit(usize),
    Tok(usize),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    word: bool,
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    sense: Sense,
}

#[derive(Debug, Clone)]
struct Phrase {
    /// Index of the first unit (the modifier, if adjacent) and of the role unit.
    first: usize,
    role_unit: usize,
    /// Last unit of the phrase (the role, or the end of "to the DPRK").
    last: usize,
    class: RoleClass,
    info: RoleInfo,
    /// The adjacent modifier unit folded into the phrase.
    modifier: Option<usize>,
    used: bool,
}

/// Per-document resolution state: which countries the text has mentioned (for ambiguous aliases), which people
/// (for surnames, role anaphora and pronouns).
pub struct DocumentResolver<'r> {
    reg: &'r mut Registry,
    date: Option<NaiveDate>,
    country_counts: HashMap<String, u32>,
    /// Person index → (mentions in this document, sequence number of the last one).
    people: Vec<(u32, u32, u32)>,
    seq: u32,
    last_subject: Option<u32>,
    /// The person the previous sentence's reported clause is about ("Doe said Roe has ...": Roe), if any.
    last_reported: Option<u32>,
    /// Person index → the gender an honorific gave them in this document ("Mrs. Doe"): a pronoun of the other
    /// gender skips them.
    genders: HashMap<u32, Gender>,
    norm: Normalized,
}

impl DocumentResolver<'_> {
    /// Resolves the sentence `range` of the document `text`; spans are byte spans of `text`.
    pub fn resolve_sentence(&mut self, text: &str, range: std::ops::Range<usize>) -> Vec<ActorMention> {
        let Some(sentence) = text.get(range.clone()) else { return Vec::new() };
        let offset = range.start;
        let toks = tokenize(sentence);
        let hits = self.find_hits(sentence, &toks);
        let units = build_units(&hits, &toks);
        let gaz = self.reg.gaz.clone();
        let mut phrases = self.role_phrases(sentence, &hits, &toks, &units, &gaz);
        let mut consumed = vec![false; units.len()];
        let mut out: Vec<ActorMention> = Vec::new();
        let mut sentence_people: Vec<(usize, u32)> = Vec::new();

        // Listed people (leaders) named in this sentence are in the document before its other names and unnamed roles
        // are read: "Kim Jong Un ..., and Kim praised" is one person, and "Cuban President X, the then President of
        // the Council of State" is X, not an earlier president.
        for unit in &units {
            if let Unit::Hit(h) = *unit
                && let Target::Entry(ei) = hits[h].sense.target
                && gaz.entries[ei as usize].kind == ActorKind::Person
            {
                let p = self.reg.adopt_entry(&gaz.entries[ei as usize], self.date);
                self.touch(p);
                sentence_people.push((hits[h].start, p));
                if let Some(Some(g)) = honorific_before(sentence, hits[h].start) {
                    self.genders.insert(p, g);
                }
            }
        }

        // People: capitalised runs licensed by a title, an apposition or the registry.
        let runs = name_runs(sentence, &toks, &units, &gaz);
        let headline = is_title_case(sentence, &toks, &gaz);
        let cues = PersonCues::builtin();
        for (mut a, b) in runs {
            // "Sen Jane Doe" without a period: the honorific opens the run but is no part of the name.
            let mut honorific = None;
            while a < b
                && let Some(g) = tok_text(&units[a], sentence, &toks).and_then(|w| cues.honorific(w))
            {
                // "Lt Col Jane Doe": the first honorific with a gender wins.
                honorific = Some(honorific.flatten().or(g));
                a += 1;
            }
            // "Lt. Gen. Jane Doe": a run that is only an honorific is no name.
            if a == b && tok_text(&units[a], sentence, &toks).is_some_and(|w| cues.honorific(w).is_some()) {
                continue;
            }
            let (s, e) = (unit_start(&units[a], &hits, &toks), unit_end(&units[b], &hits, &toks));
            let honorific = honorific.or_else(|| honorific_before(sentence, s));
            let Some(name) = sentence.get(s..e) else { continue };
            // "the Ceasefire Violations Committee", "European Community": an organisation's name, not a person's.
            if name.split([' ', '-']).any(|w| gaz.org_words.contains(&normalize(w))) {
                continue;
            }
            let title = phrases.iter().position(|p| {
                p.last + 1 == a && matches!(p.class, RoleClass::Person | RoleClass::Counterpart) && !p.used
            });
            let after = (b + 1 < units.len() && is_tok(&units[b + 1], sentence, &toks, ","))
                .then(|| {
                    let mut k = b + 2;
                    if k < units.len() && is_det(&units[k], sentence, &toks) {
                        k += 1;
                    }
                    // "X, the former special envoy to Y": a modifier before the role word is outside the phrase,
                    // and so is the body a role belongs to when no dictionary knows it ("X, a former National
                    // Security Council official").
                    while units.get(k).is_some_and(|u| is_modifier(u, &hits, &gaz)) {
                        k += 1;
                    }
                    let mut body = k;
                    while body < k + 4 && units.get(body).is_some_and(|u| is_portfolio_word(u, sentence, &toks, &gaz)) {
                        body += 1;
                    }
                    phrases.iter().position(|p| {
                        (p.first == k || p.first == body)
                            && matches!(p.class, RoleClass::Person | RoleClass::Counterpart)
                            && !p.used
                    })
                })
                .flatten();
            let before = (a >= 2 && is_tok(&units[a - 1], sentence, &toks, ","))
                .then(|| {
                    phrases.iter().position(|p| {
                        p.last + 2 == a && matches!(p.class, RoleClass::Person) && !p.used && p.info.country.is_some()
                    })
                })
                .flatten()
                .filter(|_| {
                    b + 1 >= units.len()
                        || is_tok(&units[b + 1], sentence, &toks, ",")
                        || is_tok(&units[b + 1], sentence, &toks, ")")
                });
            let phrase_idx = title.or(after).or(before);
            let single = significant(&name_tokens(name)).len() < 2;
            let person = if let Some(pi) = phrase_idx {
                let mut info = phrases[pi].info.clone();
                if phrases[pi].class == RoleClass::Counterpart {
                    self.fill_counterpart(&mut info, &sentence_people);
                }
                // "King Hassan of Morocco": a title without a country takes the one named right after the name.
                let mut e = e;
                let mut of_country = None;
                if info.country.is_none()
                    && info.org_code.is_none()
                    && is_tok_at(&units, b + 1, sentence, &toks, "of")
                    && let Some(Unit::Hit(h)) = units.get(b + 2)
                    && let Target::Entry(ei) = hits[*h].sense.target
                    && gaz.entries[ei as usize].kind == ActorKind::Country
                {
                    info.country = gaz.entries[ei as usize].country.clone();
                    e = hits[*h].end;
                    of_country = Some(b + 2);
                }
                // "Premier Zhao", "King Hassan": a title with no country names the listed holder of such a post on
                // the document's date, who gives the country and sector.
                let mut holder = None;
                if info.country.is_none()
                    && info.org_code.is_none()
                    && let Some((ei, k, on_date)) = gaz.office_holder(name, &info.text, self.date)
                {
                    let entry = &gaz.entries[ei as usize];
                    let r = &entry.roles[k];
                    info.country = r.country.clone();
                    if r.country.is_none() {
                        // The head of an international organisation: the organisation's code.
                        info.org_code = r.code.clone();
                    }
                    // Out of term on the date, the text's own title gives the sector.
                    if on_date || info.sector.is_none() {
                        info.sector = r.sector.clone();
                    }
                    holder = Some(self.reg.adopt_entry(entry, self.date));
                }
                let doc_people: Vec<u32> = self.people.iter().map(|x| x.0).collect();
                let found = if holder.is_some() {
                    holder
                } else if single {
                    self.surname(name).filter(|&p| self.reg.country_ok(p, info.country.as_deref()))
                } else {
                    self.reg.find_person(name, info.country.as_deref(), &doc_people)
                };
                let p = match found {
                    Some(p) => p,
                    // Headlines capitalise every word: "Leader Pledges Full" is not a name to learn.
                    None if headline => continue,
                    None => self.reg.new_person(name, info.country.clone()),
                };
                self.reg.add_alias(p, name);
                self.reg.add_role(p, &info, self.date);
                phrases[pi].used = true;
                if let Some(c) = of_country {
                    consumed[b + 1..=c].fill(true);
                }
                let ph = &phrases[pi];
                let (ps, pe) = (unit_start(&units[ph.first], &hits, &toks), unit_end(&units[ph.last], &hits, &toks));
                for c in consumed.iter_mut().take(ph.last + 1).skip(ph.first) {
                    *c = true;
                }
                if title == Some(pi) {
                    out.extend(self.person_mention(p, text, ps, e, offset, MentionForm::Role, Some(&info)));
                } else {
                    out.extend(self.person_mention(p, text, s, e, offset, MentionForm::Name, Some(&info)));
                    out.extend(self.person_mention(p, text, ps, pe, offset, MentionForm::Role, Some(&info)));
                }
                Some(p)
            } else if single {
                self.surname(name).inspect(|&p| {
                    out.extend(self.person_mention(p, text, s, e, offset, MentionForm::Surname, None));
                })
            } else {
                let doc_people: Vec<u32> = self.people.iter().map(|x| x.0).collect();
                self.reg.find_person(name, None, &doc_people).inspect(|&p| {
                    self.reg.add_alias(p, name);
                    out.extend(self.person_mention(p, text, s, e, offset, MentionForm::Name, None));
                })
            };
            // A name no dictionary, title or earlier mention explains is a new person only where the sentence
            // puts a person: after an honorific ("Mr. Doe"), or, for a full name, as the subject of a speech verb
            // ("Jane Doe said", "..., said Jane Doe"). A single word before "said" is as often an outlet or a
            // company ("Politico said"), so it needs an honorific or a role.
            let person = person.or_else(|| {
                if headline {
                    return None;
                }
                let full_name = name.split_whitespace().nth(1).is_some();
                let cued = honorific.is_some()
                    || (full_name
                        && ((opens_clause(sentence, &units, &toks, a, cues)
                            && speech_after(sentence, &toks, e, cues, false).is_some())
                            || speech_before(sentence, &units, &toks, a, b, cues, &gaz)));
                (cued && plausible_name(name)).then(|| {
                    let p = self.reg.new_person(name, None);
                    out.extend(self.person_mention(p, text, s, e, offset, MentionForm::Name, None));
                    p
                })
            });
            if let Some(p) = person {
                if let Some(Some(g)) = honorific {
                    self.genders.insert(p, g);
                }
                for c in consumed.iter_mut().take(b + 1).skip(a) {
                    *c = true;
                }
                self.touch(p);
                sentence_people.push((s, p));
            }
        }

        // Role phrases without a name: a later mention of a known person, or an unnamed agent of a country.
        // A person role in apposition to a listed person ("José Raúl Mulino, Panama's president") is left for that
        // person (the dictionary actors below), whose office it names.
        let listed_hits: Vec<bool> = units
            .iter()
            .enumerate()
            .map(|(k, u)| {
                !consumed[k]
                    && matches!(*u, Unit::Hit(x) if matches!(hits[x].sense.target,
                        Target::Entry(e) if gaz.entries[e as usize].kind == ActorKind::Person))
            })
            .collect();
        let after_listed = |first: usize| {
            let mut k = first;
            if k >= 1 && is_det(&units[k - 1], sentence, &toks) {
                k -= 1;
            }
            k >= 2 && is_tok(&units[k - 1], sentence, &toks, ",") && listed_hits[k - 2]
        };
        for ph in phrases.iter_mut().filter(|p| !p.used) {
            let (ps, pe) = (unit_start(&units[ph.first], &hits, &toks), unit_end(&units[ph.last], &hits, &toks));
            match ph.class {
                RoleClass::Person if after_listed(ph.first) => continue,
                RoleClass::Person => {
                    if let Some(p) = self.role_anaphor(&ph.info) {
                        out.extend(self.person_mention(p, text, ps, pe, offset, MentionForm::RoleAnaphor, None));
                        self.touch(p);
                        sentence_people.push((ps, p));
                    } else if ph.info.country.is_some() {
                        out.extend(self.agent_mention(&ph.info, text, ps, pe, offset));
                    } else {
                        continue;
                    }
                }
                RoleClass::Group if ph.info.country.is_some() || ph.info.org_code.is_some() => {
                    out.extend(self.agent_mention(&ph.info, text, ps, pe, offset));
                }
                // "his Indian counterparts" without a name: officials of the adjective's country holding the
                // partner's role; the partner's own country never passes over.
                RoleClass::Counterpart if ph.info.country.is_some() => {
                    let mut info = ph.info.clone();
                    self.fill_counterpart(&mut info, &sentence_people);
                    out.extend(self.agent_mention(&info, text, ps, pe, offset));
                }
                _ => continue,
            }
            ph.used = true;
            for c in consumed.iter_mut().take(ph.last + 1).skip(ph.first) {
                *c = true;
            }
        }

        // A listed person's title and country ("Russian President Vladimir Putin") are one mention with the name.
        let mut title_start: Vec<Option<usize>> = vec![None; units.len()];
        // The sector of the title word right before such a name ("Foreign Minister": GOV).
        let mut title_sector: Vec<Option<String>> = vec![None; units.len()];
        let mut title_modified = vec![false; units.len()];
        // The state the title names ("Serbian President X"), when it does.
        let mut title_country: Vec<Option<String>> = vec![None; units.len()];
        // Units of a merged "Cuban counterpart <leader>": a possessive right before it only points at the partner.
        let mut counterpart_title = vec![false; units.len()];
        for (u, unit) in units.iter().enumerate() {
            let Unit::Hit(h) = *unit else { continue };
            let Target::Entry(ei) = hits[h].sense.target else { continue };
            let person = &gaz.entries[ei as usize];
            if person.kind != ActorKind::Person || consumed[u] {
                continue;
            }
            let is_title = |k: usize| {
                !consumed[k]
                    && matches!(units[k], Unit::Hit(x) if matches!(hits[x].sense.target,
                        Target::Role(r) if matches!(gaz.roles[r as usize].class,
                            RoleClass::Person | RoleClass::Counterpart | RoleClass::Modifier)))
            };
            let mut j = u;
            while j > 0 && is_title(j - 1) {
                j -= 1;
            }
            if j < u
                && j > 0
                && !consumed[j - 1]
                && matches!(units[j - 1], Unit::Hit(x) if matches!(hits[x].sense.target,
                    Target::Entry(c) if gaz.entries[c as usize].kind == ActorKind::Country
                        && (gaz.entries[c as usize].country == person.country
                            || person.roles.iter().any(|r| r.country.is_some()
                                && r.country == gaz.entries[c as usize].country))))
            {
                j -= 1;
                if let Unit::Hit(x) = units[j]
                    && let Target::Entry(c) = hits[x].sense.target
                {
                    title_country[u] = gaz.entries[c as usize].country.clone();
                }
            }
            if j < u {
                if let Unit::Hit(x) = units[u - 1]
                    && let Target::Role(r) = hits[x].sense.target
                {
                    title_sector[u] = gaz.roles[r as usize].sector.clone();
                }
                // "former President X": a modifier with a sector of its own (ELI) gives the title's.
                if let Some(sec) = (j..u).find_map(|k| modifier_sector(&units[k], &hits, &gaz)) {
                    title_sector[u] = Some(sec.to_string());
                    title_modified[u] = true;
                }
                title_start[u] = Some(unit_start(&units[j], &hits, &toks));
                consumed[j..u].fill(true);
                let counterpart = (j..u).any(|k| {
                    matches!(units[k], Unit::Hit(x) if matches!(hits[x].sense.target,
                        Target::Role(r) if gaz.roles[r as usize].class == RoleClass::Counterpart))
                });
                counterpart_title[j..u].fill(counterpart);
            }
        }

        // Dictionary actors not folded into a phrase.
        for (u, unit) in units.iter().enumerate() {
            let Unit::Hit(h) = *unit else { continue };
            if consumed[u] {
                continue;
            }
            let hit = hits[h];
            if let Target::Entry(ei) = hit.sense.target {
                let e = &gaz.entries[ei as usize];
                // "Mark Rutte, Secretary General of NATO": the role the text gives beats the dictionary's.
                let apposition = (e.kind == ActorKind::Person && is_tok_at(&units, u + 1, sentence, &toks, ","))
                    .then(|| {
                        let k =
                            if units.get(u + 2).is_some_and(|x| is_det(x, sentence, &toks)) { u + 3 } else { u + 2 };
                        phrases.iter().position(|p| {
                            p.first == k
                                && p.class == RoleClass::Person
                                && !p.used
                                && (p.info.country.is_some() || p.info.org_code.is_some())
                        })
                    })
                    .flatten();
                if let Some(pi) = apposition {
                    let p = self.reg.adopt_entry(e, self.date);
                    let info = phrases[pi].info.clone();
                    self.reg.add_role(p, &info, self.date);
                    phrases[pi].used = true;
                    let ph = &phrases[pi];
                    let (ps, pe) =
                        (unit_start(&units[ph.first], &hits, &toks), unit_end(&units[ph.last], &hits, &toks));
                    for c in consumed.iter_mut().take(ph.last + 1).skip(ph.first) {
                        *c = true;
                    }
                    let code = match (&info.country, &info.org_code) {
                        (None, Some(org)) => org.clone(),
                        _ => cameo_code(info.country.as_deref().or(e.country.as_deref()), info.sector.as_deref()),
                    };
                    for (a, b, form) in [(hit.start, hit.end, MentionForm::Name), (ps, pe, MentionForm::Role)] {
                        out.extend(self.person_mention(p, text, a, b, offset, form, Some(&info)).map(|mut m| {
                            m.code = code.clone();
                            m
                        }));
                    }
                    continue;
                }
                let (start, form) = match title_start[u] {
                    Some(s) => (s, MentionForm::Role),
                    None => (hit.start, hit.sense.form),
                };
                let mut m = self.entry_mention(e, form, text, start, hit.end, offset);
                if self.date.is_none()
                    && e.roles.len() > 1
                    && let (Some(m), Some(&p)) = (m.as_mut(), self.reg.by_id.get(&e.id))
                    && self.reg.people[p as usize].roles.iter().any(|r| r.seen.is_some() || r.from.is_none())
                {
                    m.code = self.reg.people[p as usize].code.clone();
                }
                // The title the text gives names the office: with no document date (when every listed term fits),
                // when none of the listed terms covers the date (the text reports the person in that office,
                // whenever it was), and when a modifier such as "former" gives a sector of its own.
                let out_of_office = !e.roles.iter().any(|r| r.valid_on(self.date));
                // The dead hold no office, whatever title the text recalls ("founding President Kim Il-sung").
                let dead = e.died.is_some_and(|d| self.date.is_some_and(|t| d < t));
                if (self.date.is_none() && e.roles.len() > 1 || (out_of_office && !dead) || title_modified[u])
                    && let (Some(m), Some(sector)) = (m.as_mut(), title_sector[u].as_deref())
                {
                    if title_country[u].is_some() {
                        m.country = title_country[u].clone();
                    }
                    m.code = cameo_code(m.country.as_deref(), Some(sector));
                    m.sector = Some(sector.to_string());
                    if let Some(&p) = self.reg.by_id.get(&e.id) {
                        self.reg.people[p as usize].code = m.code.clone();
                    }
                }
                if e.kind == ActorKind::Country
                    && let Some(m) = m.as_mut()
                {
                    // A capital acting ("Tehran rejected ...", not "in Tehran") stands for the state's government, and
                    // a demonym used as a plural noun ("Palestinians", "Algerians") for its people (CAMEO CVL).
                    let sector = if hit.sense.form == MentionForm::Metonym && acting_capital(sentence, hit.start) {
                        Some("GOV")
                    } else if hit.sense.form == MentionForm::Adjective && hit.sense.plural {
                        Some("CVL")
                    } else {
                        None
                    };
                    if let Some(sec) = sector {
                        m.code = cameo_code(m.country.as_deref(), Some(sec));
                        m.sector = Some(sec.to_string());
                    }
                }
                out.extend(m);
            }
        }

        // Pronouns, in order, once the people of this sentence are known.
        out.sort_by_key(|m| m.span.start());
        let mut with_pronouns = Vec::with_capacity(out.len());
        let mut people_so_far: Vec<u32> = Vec::new();
        // Persons of this sentence that are the subject of a speech verb, with where the verb starts and ends.
        let mut speakers: Vec<(u32, usize, usize)> = Vec::new();
        let mut first_person: Option<u32> = None;
        let mut rest = out.into_iter().peekable();
        // "his Algerian counterpart X": the possessive only points the counterpart at its partner, who is already
        // a mention of the sentence; a pronoun mention there would put the partner on the counterpart's side.
        let possessive_of_counterpart = |u: usize| {
            phrases.iter().any(|p| p.class == RoleClass::Counterpart && p.used && p.first == u + 1)
                || counterpart_title.get(u + 1) == Some(&true)
        };
        for (u, unit) in units.iter().enumerate() {
            let Unit::Hit(h) = *unit else { continue };
            let hit = hits[h];
            while let Some(m) = rest.peek() {
                if m.span.start() > offset + hit.start {
                    break;
                }
                if let Some(m) = rest.next() {
                    if m.kind == ActorKind::Person
                        && let Some(&p) = self.reg.by_id.get(&m.actor)
                    {
                        people_so_far.push(p);
                        first_person.get_or_insert(p);
                        let end = m.span.end().saturating_sub(offset);
                        if let Some((vs, ve)) = speech_after(sentence, &toks, end, cues, true) {
                            speakers.push((p, vs, ve));
                        }
                    }
                    with_pronouns.push(m);
                }
            }
            let Target::Role(r) = hit.sense.target else { continue };
            if gaz.roles[r as usize].class != RoleClass::Pronoun || possessive_of_counterpart(u) {
                continue;
            }
            let word = sentence.get(hit.start..hit.end).unwrap_or("");
            let (gender, binding) = cues.pronoun(word).unwrap_or((None, Binding::Near));
            let speaks = speech_after(sentence, &toks, hit.end, cues, false).is_some();
            let referent =
                self.pronoun_referent(gender, binding, hit.start, sentence, &people_so_far, &speakers, speaks);
            if let Some(p) = referent {
                with_pronouns.extend(self.person_mention(
                    p,
                    text,
                    hit.start,
                    hit.end,
                    offset,
                    MentionForm::Pronoun,
                    None,
                ));
            }
        }
        for m in rest {
            if m.kind == ActorKind::Person
                && let Some(&p) = self.reg.by_id.get(&m.actor)
            {
                first_person.get_or_insert(p);
            }
            with_pronouns.push(m);
        }
        if let Some(p) = first_person.or(sentence_people.first().map(|x| x.1)) {
            self.last_subject = Some(p);
        }
        self.last_reported = reported_subject(sentence, &toks, offset, &with_pronouns, cues)
            .and_then(|m| self.reg.by_id.get(&m.actor).copied());
        for m in &with_pronouns {
            if let Some(c) = &m.country
                && m.form != MentionForm::Pronoun
            {
                *self.country_counts.entry(c.clone()).or_insert(0) += 1;
            }
        }
        with_pronouns
    }

    /// The person a pronoun at `at` points at. A subject or object pronoun prefers the subject of the last speech
    /// verb before it ("Doe said that he ...": Doe, even with another person named in between), since reported
    /// speech is where news puts its pronouns; then the last person named before it in the sentence, then the
    /// previous sentence's first person. A gender an honorific gave skips a person of the other gender, and an
    /// object pronoun right after a speech verb never points at that verb's own subject ("Roe told him").
    ///
    /// Across a sentence boundary, a subject pronoun that does not itself speak continues what the previous
    /// sentence reported: "Doe said Roe has opposed the law. In 2011, he dismissed ..." tells more of Roe's acts,
    /// as news goes on with the reported person's record; "He added ..." still goes back to the speaker.
    #[allow(clippy::too_many_arguments)]
    fn pronoun_referent(
        &self,
        gender: Option<Gender>,
        binding: Binding,
        at: usize,
        sentence: &str,
        people_so_far: &[u32],
        speakers: &[(u32, usize, usize)],
        speaks: bool,
    ) -> Option<u32> {
        let own_verb = speakers
            .iter()
            .rev()
            .find(|&&(_, _, ve)| {
                binding == Binding::Object && sentence.get(ve..at).is_some_and(|g| g.trim().is_empty())
            })
            .map(|x| x.0);
        let fits = |p: &u32| {
            Some(*p) != own_verb && (gender.is_none() || self.genders.get(p).is_none_or(|g| Some(*g) == gender))
        };
        let governing = match binding {
            Binding::Near => None,
            Binding::Subject | Binding::Object => {
                speakers.iter().rev().filter(|&&(_, _, ve)| ve <= at).map(|x| x.0).find(|p| fits(p))
            }
        };
        governing.or_else(|| people_so_far.iter().rev().copied().find(|p| fits(p))).or_else(|| {
            if binding == Binding::Subject
                && !speaks
                && let Some(r) = self.last_reported.filter(|r| fits(r))
            {
                return Some(r);
            }
            let last = self.last_subject?;
            if fits(&last) {
                return Some(last);
            }
            // The previous sentence's person is of the other gender: the document's most recent person who fits.
            self.people.iter().filter(|x| x.0 != last && fits(&x.0)).max_by_key(|x| x.2).map(|x| x.0)
        })
    }

    /// The state this document is mostly about so far: named at least three times, and more often than all
    /// other states together.
    fn dominant_country(&self) -> Option<&str> {
        let total: u32 = self.country_counts.values().sum();
        let (c, n) = self.country_counts.iter().max_by_key(|(c, n)| (**n, std::cmp::Reverse(c.as_str())))?;
        (*n >= 3 && 2 * n > total).then_some(c.as_str())
    }

    fn touch(&mut self, p: u32) {
        self.seq += 1;
        if let Some(x) = self.people.iter_mut().find(|x| x.0 == p) {
            x.1 += 1;
            x.2 = self.seq;
        } else {
            self.people.push((p, 1, self.seq));
        }
    }

    /// A single-token mention: the most mentioned person of this document with that name token.
    fn surname(&self, token: &str) -> Option<u32> {
        let t = normalize(token);
        // Cheap rejection through the registry's token index before reading any aliases.
        self.reg.token_candidates(&t).next()?;
        self.people
            .iter()
            .filter(|(p, _, _)| {
                // A listed leader is named alone by a listed one-word name or the last word of a name, never by a
                // given name or initial ("Ali", "J", "Michael").
                let listed = self.reg.people[*p as usize].id.starts_with("leader:");
                self.reg.alias_tokens.get(*p as usize).is_some_and(|aliases| {
                    aliases.iter().any(|a| {
                        if listed {
                            a.all.last().is_some_and(|x| token_eq(x, &t))
                        } else {
                            a.all.iter().any(|x| token_eq(x, &t))
                        }
                    })
                })
            })
            .max_by_key(|(_, count, last)| (*count, *last))
            .map(|x| x.0)
    }

    /// "the vice minister": the most recent person of this document whose role contains these words.
    fn role_anaphor(&self, info: &RoleInfo) -> Option<u32> {
        let words: Vec<&str> = info.text.split(' ').take_while(|w| !matches!(*w, "to" | "in" | "at" | "of")).collect();
        self.people
            .iter()
            .filter(|(p, _, _)| {
                let person = &self.reg.people[*p as usize];
                // "the president of Ukraine" names a country: only a person known to be of it will do.
                (info.country.is_none() || person.country == info.country)
                    && person.roles.iter().any(|r| {
                        let have: Vec<&str> = r.role.split(' ').collect();
                        words.iter().all(|w| have.iter().any(|h| h == w || h.strip_suffix('s') == Some(w)))
                    })
            })
            .max_by_key(|x| x.2)
            .map(|x| x.0)
    }

    fn fill_counterpart(&self, info: &mut RoleInfo, sentence_people: &[(usize, u32)]) {
        let partner = sentence_people.last().map(|x| x.1).or(self.last_subject);
        if let Some(p) = partner
            && let Some(r) = self.reg.people[p as usize].roles.last()
        {
            info.text = r.role.split(" to ").next().unwrap_or(&r.role).to_string();
            info.sector = r.sector.clone().or(info.sector.take());
        } else if info.sector.is_none() {
            info.sector = Some("GOV".to_string());
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn person_mention(
        &self,
        p: u32,
        full: &str,
        s: usize,
        e: usize,
        offset: usize,
        form: MentionForm,
        info: Option<&RoleInfo>,
    ) -> Option<ActorMention> {
        let person = &self.reg.people[p as usize];
        let role = info.map(|i| i.text.clone()).or_else(|| person.roles.last().map(|r| r.role.clone()));
        let sector = person.roles.last().and_then(|r| r.sector.clone());
        // "Speaker Pelosi", "Judge Wilson", "the mayor Castro" with no state named: an office of a state's
        // government, legislature, courts, police or army held by someone the text gives no country is, in a
        // document about one state, an office of that state (news names the state of a domestic official once, if
        // at all). A person with no office keeps no country: a bare name is as often a foreigner.
        let (country, code) = match (&person.country, sector.as_deref()) {
            (None, Some(sec))
                if ActorCode::parse(&person.code).is_ok_and(|c| c.is_unknown())
                    && Sector::from_code(sec).is_some_and(Sector::is_state) =>
            {
                match self.dominant_country() {
                    Some(c) => (Some(c.to_string()), cameo_code(Some(c), Some(sec))),
                    None => (None, person.code.clone()),
                }
            }
            _ => (person.country.clone(), person.code.clone()),
        };
        make_mention(
            full,
            s,
            e,
            offset,
            MentionParts {
                actor: person.id.clone(),
                name: person.name.clone(),
                kind: ActorKind::Person,
                code,
                country,
                sector,
                role,
                form,
            },
        )
    }

    fn agent_mention(&self, info: &RoleInfo, full: &str, s: usize, e: usize, offset: usize) -> Option<ActorMention> {
        let code = match (&info.country, &info.org_code) {
            (None, Some(org)) => org.clone(),
            _ => cameo_code(info.country.as_deref(), info.sector.as_deref()),
        };
        let name = match &info.country {
            Some(c) => {
                format!("{} ({})", self.reg.gaz.country_name(c).unwrap_or(c), info.sector.as_deref().unwrap_or(""))
            }
            None => code.clone(),
        };
        make_mention(
            full,
            s,
            e,
            offset,
            MentionParts {
                actor: code.clone(),
                name,
                kind: ActorKind::Agent,
                code,
                country: info.country.clone(),
                sector: info.sector.clone(),
                role: Some(info.text.clone()),
                form: MentionForm::Role,
            },
        )
    }

    fn entry_mention(
        &self,
        e: &Entry,
        form: MentionForm,
        full: &str,
        s: usize,
        end: usize,
        offset: usize,
    ) -> Option<ActorMention> {
        let current = e.roles.iter().find(|r| r.valid_on(self.date));
        let sector = e
            .sector
            .clone()
            .or_else(|| current.and_then(|r| r.sector.clone()))
            .or_else(|| after_office(e, self.date).then(|| "ELI".to_string()));
        // A leader who served two states (Milosevic: Serbia, then Yugoslavia) is of the one served on the date, and
        // the head of an international organisation (a post of no state) is of none while in it.
        let country = match current {
            Some(r) if r.country.is_none() && r.actor_code().is_some_and(|c| c.is_transnational()) => None,
            _ => current.and_then(|r| r.country.clone()).or_else(|| e.country.clone()),
        };
        make_mention(
            full,
            s,
            end,
            offset,
            MentionParts {
                actor: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind,
                code: entry_code(e, self.date),
                country,
                sector,
                role: current.map(|r| r.role.clone()),
                form,
            },
        )
    }

    fn find_hits(&mut self, sentence: &str, toks: &[Tok]) -> Vec<Hit> {
        let gaz = self.reg.gaz.clone();
        self.norm.fill(sentence);
        let norm = &self.norm.text;
        let mut raw: Vec<(usize, usize, usize)> = Vec::new();
        for m in gaz.ac.find_overlapping_iter(norm.as_str()) {
            let (ns, ne) = (m.start(), m.end());
            let before_ok = norm[..ns].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after_ok = norm[ne..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if !before_ok || !after_ok {
                continue;
            }
            let Some((s, e)) = self.norm.original_range(sentence, ns, ne) else { continue };
            if inside_compound(sentence, s, &gaz.senses[m.pattern().as_usize()]) {
                continue;
            }
            raw.push((s, e, m.pattern().as_usize()));
        }
        // Unambiguous country mentions of this very sentence also count as context ("Brazzaville said Congo").
        let mut local: HashMap<&str, u32> = HashMap::new();
        for &(s, e, slot) in &raw {
            let surface = sentence.get(s..e).unwrap_or("");
            let senses = gaz.senses[slot].iter().filter(|x| caps_ok(x.caps, surface));
            let country = |x: &Sense| match x.target {
                Target::Entry(i) => gaz.entries[i as usize].country.as_deref(),
                Target::Role(_) => None,
            };
            // A name with a contextual reading elsewhere ("Georgia" the US state) is no evidence for either, and a
            // leader's bare surname is no evidence for its own country.
            let weak = |x: &&Sense| x.contextual || x.surname;
            let mut countries = senses.clone().filter(|x| !weak(x)).map(country);
            if let Some(Some(c)) = countries.next()
                && countries.all(|o| o == Some(c))
                && senses.filter(weak).all(|x| country(x) == Some(c))
            {
                *local.entry(c).or_insert(0) += 1;
            }
        }
        let mut cands: Vec<Hit> = Vec::new();
        for (s, e, slot) in raw {
            let Some(surface) = sentence.get(s..e) else { continue };
            if let Some(sense) = self.choose_sense(&gaz.senses[slot], surface, sentence, s, e, &gaz, &local) {
                cands.push(Hit { start: s, end: e, sense });
            }
        }
        // Longest first, then leftmost; overlapping shorter candidates lose.
        cands.sort_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.start));
        let mut chosen: Vec<Hit> = Vec::new();
        for h in cands {
            if chosen.iter().all(|c| h.end <= c.start || c.end <= h.start) {
                chosen.push(h);
            }
        }
        chosen.sort_by_key(|h| h.start);
        // "Bosnian Serbs", "Croatian Serb refugees": a demonym right before another names the state the community
        // lives in, which is the actor CAMEO codes; the two read as one mention of the first.
        let is_demonym = |h: &Hit| {
            h.sense.form == MentionForm::Adjective
                && matches!(h.sense.target, Target::Entry(e) if gaz.entries[e as usize].kind == ActorKind::Country)
        };
        let mut merged: Vec<Hit> = Vec::with_capacity(chosen.len());
        for h in chosen {
            if let Some(prev) = merged.last_mut()
                && is_demonym(prev)
                && is_demonym(&h)
                && sentence.get(prev.end..h.start) == Some(" ")
            {
                prev.end = h.end;
                // "Iraqi Kurds": a community, the people of the first state.
                prev.sense.plural |= h.sense.plural;
                continue;
            }
            merged.push(h);
        }
        // A listed leader's name inside a longer written name ("Fidel Castro Ruz", "Miguel Mario Diaz-Canel
        // Bermudez") is the whole name; a place name right after a capitalised word ("Jesus De Los Angeles Aise")
        // is part of someone's name. Headlines capitalise every word, so neither applies there.
        let mut headline: Option<bool> = None;
        let mut out: Vec<Hit> = Vec::with_capacity(merged.len());
        for k in 0..merged.len() {
            let mut h = merged[k];
            let kind = match h.sense.target {
                Target::Entry(ei) => gaz.entries[ei as usize].kind,
                Target::Role(_) => ActorKind::Agent,
            };
            if !matches!(kind, ActorKind::Person | ActorKind::Place) {
                out.push(h);
                continue;
            }
            let floor = out.last().map_or(0, |p| p.end);
            let ceil = merged.get(k + 1).map_or(sentence.len(), |n| n.start);
            let before = name_word_before(sentence, h.start, floor, &gaz);
            let after = if kind == ActorKind::Person { name_word_after(sentence, h.end, ceil, &gaz) } else { None };
            if before.is_none() && after.is_none()
                || *headline.get_or_insert_with(|| is_title_case(sentence, toks, &gaz))
            {
                out.push(h);
                continue;
            }
            // A place inside a name is no place; a leader's bare surname next to name words that are none of the
            // leader's own ("Hunter Biden", "Luz Contreras Arroyo") is somebody else of that name.
            let own_name_word = |word: &str| {
                let word = normalize(word);
                let Target::Entry(ei) = h.sense.target else { return false };
                gaz.entries[ei as usize].aliases.iter().any(|a| normalize(a).split(' ').any(|t| t == word))
            };
            let mut known_neighbour = false;
            let (mut s, mut e) = (h.start, h.end);
            while let Some(b) = name_word_before(sentence, s, floor, &gaz) {
                known_neighbour |= sentence.get(b..s - 1).is_some_and(own_name_word);
                s = b;
            }
            while let Some(a) = name_word_after(sentence, e, ceil, &gaz) {
                known_neighbour |= sentence.get(e + 1..a).is_some_and(own_name_word);
                e = a;
            }
            if kind == ActorKind::Place || (h.sense.surname && !known_neighbour) {
                continue;
            }
            while let Some(s) = name_word_before(sentence, h.start, floor, &gaz) {
                h.start = s;
            }
            while let Some(e) = name_word_after(sentence, h.end, ceil, &gaz) {
                h.end = e;
            }
            out.push(h);
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn choose_sense(
        &self,
        senses: &[Sense],
        surface: &str,
        sentence: &str,
        s: usize,
        e: usize,
        gaz: &Gazetteer,
        local: &HashMap<&str, u32>,
    ) -> Option<Sense> {
        let country_of = |sense: &Sense| match sense.target {
            Target::Entry(i) => gaz.entries[i as usize].country.as_deref(),
            Target::Role(_) => None,
        };
        let count = |c: &str| self.country_counts.get(c).copied().unwrap_or(0) + local.get(c).copied().unwrap_or(0);
        let entry = |sense: &Sense| match sense.target {
            Target::Entry(i) => Some(&gaz.entries[i as usize]),
            Target::Role(_) => None,
        };
        let in_office = |sense: &Sense| entry(sense).is_some_and(|e| e.roles.iter().any(|r| r.valid_on(self.date)));
        // "President Obama": a title names the office, whatever the document's date.
        let titled = || {
            let before = sentence.get(..s).unwrap_or("").trim_end();
            let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            !word.is_empty() && gaz.role_words.contains(&normalize(word))
        };
        // "TANF", "ABE": a word in capitals is an acronym, not a listed place or person written in mixed case.
        let acronym = surface.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && surface.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let usable: Vec<&Sense> = senses
            .iter()
            .filter(|sense| caps_ok(sense.caps, surface))
            .filter(|sense| {
                !acronym
                    || sense.caps == Caps::All
                    || entry(sense).is_none_or(|e| !matches!(e.kind, ActorKind::Place | ActorKind::Person))
            })
            .filter(|sense| {
                !sense.surname || titled() || in_office(sense) || country_of(sense).is_some_and(|c| count(c) > 0)
            })
            .filter(|sense| !sense.contextual || country_of(sense).is_some_and(|c| count(c) > 0))
            .filter(|sense| !sense.personlike || !next_to_unknown_name(sentence, s, e, gaz))
            .collect();
        let has_entry = usable.iter().any(|s| matches!(s.target, Target::Entry(_)));
        // Ties between the document's countries go to a dated person in office on the document's date ("Bush" in
        // 1990 and in 2003), then to the preferred sense, then to a state over a place that shares its name
        // (the capital Tripoli over the Lebanese city).
        let not_place = |sense: &Sense| entry(sense).is_none_or(|e| e.kind != ActorKind::Place);
        usable
            .into_iter()
            .filter(|s| !has_entry || matches!(s.target, Target::Entry(_)))
            .max_by_key(|sense| {
                (country_of(sense).map_or(0, count), in_office(sense), sense.preferred, not_place(sense))
            })
            .copied()
    }

    /// Builds role phrases: a role word with its country modifier on the left and its complement on the right.
    fn role_phrases(&self, sentence: &str, hits: &[Hit], toks: &[Tok], units: &[Unit], gaz: &Gazetteer) -> Vec<Phrase> {
        let role_of = |u: &Unit| match u {
            Unit::Hit(h) => match hits[*h].sense.target {
                Target::Role(r) => Some(&gaz.roles[r as usize]),
                _ => None,
            },
            _ => None,
        };
        let entry_of = |u: &Unit| match u {
            Unit::Hit(h) => match hits[*h].sense.target {
                Target::Entry(e) => Some(&gaz.entries[e as usize]),
                _ => None,
            },
            _ => None,
        };
        let mut phrases: Vec<Phrase> = Vec::new();
        // Coordinated modifiers join the phrases once complements are attached: they have none of their own.
        let mut coordinated: Vec<Phrase> = Vec::new();
        for (i, u) in units.iter().enumerate() {
            let Some(role) = role_of(u) else { continue };
            if !matches!(role.class, RoleClass::Person | RoleClass::Group | RoleClass::Counterpart) {
                continue;
            }
            let plural = matches!(u, Unit::Hit(h) if hits[*h].sense.plural);
            let class = if plural && role.class == RoleClass::Person { RoleClass::Group } else { role.class };
            // "the official Korean Central News Agency": a role word right before a named actor is an adjective.
            if class == RoleClass::Person && units.get(i + 1).and_then(&entry_of).is_some() {
                continue;
            }
            // "his Cuban counterpart <listed leader>": the title joins the leader's own mention.
            if class == RoleClass::Counterpart
                && units.get(i + 1).and_then(&entry_of).is_some_and(|e| e.kind == ActorKind::Person)
            {
                continue;
            }
            let mut info = RoleInfo { text: role.phrase.clone(), sector: role.sector.clone(), ..RoleInfo::default() };
            let mut first = i;
            let mut modifier = None;
            let mut j = i;
            while j > 0 && role_of(&units[j - 1]).is_some_and(|r| r.class == RoleClass::Modifier) {
                j -= 1;
            }
            if class == RoleClass::Person
                && let Some(sec) = (j..i).find_map(|m| modifier_sector(&units[m], hits, gaz))
            {
                info.sector = Some(sec.to_string());
            }
            let mut k = j;
            // "French paper workers", "Nicaragua's Sandinista government": one word between a country and a body
            // word belongs to the body: a capitalised one after any country name, a lowercase one only after a
            // demonym (never a verb: "Israel killed civilians").
            if class == RoleClass::Group && k > 1 && entry_of(&units[k - 1]).is_none() {
                let country_at = |u: usize| entry_of(&units[u]).is_some_and(|e| e.kind == ActorKind::Country);
                let demonym_at = |u: usize| {
                    country_at(u) && matches!(units[u], Unit::Hit(h) if hits[h].sense.form == MentionForm::Adjective)
                };
                let gap = tok_text(&units[k - 1], sentence, toks).filter(|w| {
                    w.chars().all(char::is_alphabetic) && !gaz.stopwords.contains(&normalize(w)) && w.len() > 2
                });
                let capital = gap.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
                let after_country =
                    country_at(k - 2) || (k > 2 && is_possessive(&units[k - 2], sentence, toks) && country_at(k - 3));
                if gap.is_some() && ((capital && after_country) || (!capital && demonym_at(k - 2))) {
                    k -= 1;
                }
            }
            if k > 0 && is_possessive(&units[k - 1], sentence, toks) {
                k -= 1;
            }
            // "Serbian Labour Minister", "Pakistani Federal Secretary Interior": capitalised portfolio words between
            // the country and a title belong to the title.
            if class == RoleClass::Person && k > 1 && entry_of(&units[k - 1]).is_none() {
                let mut a = k;
                while a > 0 && k - a < 3 && is_portfolio_word(&units[a - 1], sentence, toks, gaz) {
                    a -= 1;
                }
                if a < k
                    && a > 0
                    && entry_of(&units[a - 1]).is_some_and(|e| e.kind == ActorKind::Country)
                    && tok_text(&units[a], sentence, toks).is_some_and(|w| !w.eq_ignore_ascii_case("and"))
                {
                    let words: Vec<String> =
                        (a..k).filter_map(|u| tok_text(&units[u], sentence, toks)).map(str::to_lowercase).collect();
                    info.text = format!("{} {}", words.join(" "), info.text);
                    k = a;
                }
            }
            if k > 0
                && let Some(e) = entry_of(&units[k - 1])
            {
                if e.kind != ActorKind::Group || e.country.is_some() {
                    info.country = e.country.clone();
                    if matches!(e.kind, ActorKind::Party | ActorKind::Media) {
                        info.sector = e.sector.clone();
                        let surface =
                            sentence.get(unit_start(&units[k - 1], hits, toks)..unit_end(&units[k - 1], hits, toks));
                        info.text = format!("{} {}", surface.unwrap_or(&e.name), info.text);
                    }
                    if e.country.is_none() {
                        info.org_code = Some(e.code.clone());
                    }
                    first = k - 1;
                    modifier = Some(k - 1);
                }
            } else if k > 0
                && let Some(group) = phrases.iter_mut().rev().find(|p| {
                    p.role_unit == k - 1
                        && p.class == RoleClass::Group
                        && (p.info.country.is_some() || p.info.org_code.is_some())
                })
            {
                // "Iranian Army commander": the body's country and sector pass to the role.
                info.country = group.info.country.clone();
                info.org_code = group.info.org_code.clone();
                if group.info.sector.is_some() {
                    info.sector = group.info.sector.clone();
                }
                first = group.first;
                modifier = group.modifier;
                group.used = true;
            } else if j > 0 && is_tok(&units[j - 1], sentence, toks, "whose") {
                let mut a = j - 1;
                if a > 0 && is_tok(&units[a - 1], sentence, toks, ",") {
                    a -= 1;
                }
                if a > 0
                    && let Some(e) = entry_of(&units[a - 1])
                {
                    info.country = e.country.clone();
                }
            }
            // "Hungarian and Romanian officials": every country coordinated with the modifier holds the same role.
            if class == RoleClass::Group
                && info.country.is_some()
                && let Some(mut m) = modifier
            {
                // Only a demonym or an abbreviation ("U.S. and Russian negotiators") is a modifier; "Bulgaria,
                // Macedonian officials" is a list, not a coordination.
                let modifier_like = |u: &Unit| match u {
                    Unit::Hit(h) => {
                        let surface = sentence.get(hits[*h].start..hits[*h].end).unwrap_or("");
                        hits[*h].sense.form == MentionForm::Adjective || !surface.chars().any(char::is_lowercase)
                    }
                    Unit::Tok(_) => false,
                };
                while m >= 2
                    && is_tok(&units[m - 1], sentence, toks, "and")
                    && modifier_like(&units[m - 2])
                    && let Some(e) = entry_of(&units[m - 2]).filter(|e| e.kind == ActorKind::Country)
                {
                    let info = RoleInfo { country: e.country.clone(), ..info.clone() };
                    let p = Phrase {
                        first: m - 2,
                        role_unit: i,
                        last: m - 2,
                        class,
                        info,
                        modifier: Some(m - 2),
                        used: false,
                    };
                    coordinated.push(p);
                    m -= 2;
                }
            }
            phrases.push(Phrase { first, role_unit: i, last: i, class, info, modifier, used: false });
        }
        // Complements, right to left so that "of Algerian Ministry of Foreign Affairs" is built before its head.
        for pi in (0..phrases.len()).rev() {
            let i = phrases[pi].role_unit;
            let mut k = i + 1;
            let Some(prep) = units.get(k).and_then(|u| tok_text(u, sentence, toks)) else { continue };
            let prep = prep.to_ascii_lowercase();
            if !matches!(prep.as_str(), "to" | "in" | "at" | "of") {
                continue;
            }
            k += 1;
            if units.get(k).is_some_and(|u| is_det(u, sentence, toks)) {
                k += 1;
            }
            let Some(target) = units.get(k) else { continue };
            if prep == "of" {
                if phrases[pi].info.country.is_some() {
                    continue;
                }
                if let Some(inner) = phrases.iter().find(|p| p.first == k && p.info.country.is_some()).cloned() {
                    phrases[pi].info.country = inner.info.country.clone();
                    if phrases[pi].info.sector.is_none() {
                        phrases[pi].info.sector = inner.info.sector.clone();
                    }
                    phrases[pi].last = inner.last;
                    if let Some(x) = phrases.iter_mut().find(|p| p.first == k) {
                        x.used = true;
                    }
                } else if let Some(e) = entry_of(target) {
                    phrases[pi].info.country = e.country.clone();
                    if e.country.is_none() {
                        phrases[pi].info.org_code = Some(e.code.clone());
                    }
                    phrases[pi].last = k;
                }
            } else if let Some(e) = entry_of(target).filter(|e| {
                prep == "in"
                    && matches!(e.kind, ActorKind::Country | ActorKind::Place)
                    && phrases[pi].class == RoleClass::Group
                    && phrases[pi].info.country.is_none()
                    && phrases[pi].info.org_code.is_none()
                    && !matches!(
                        phrases[pi].info.sector.as_deref().and_then(Sector::from_code),
                        Some(Sector::Gov | Sector::Mil)
                    )
            }) {
                // "rebels in the Ivory Coast", "security forces in Guinea": a body without a country of its own is
                // of the country it acts in. Officials, diplomats and troops "in" a country are as often foreign.
                phrases[pi].info.country = e.country.clone();
                phrases[pi].last = k;
            } else if let Some(e) = entry_of(target).filter(|e| matches!(e.kind, ActorKind::Country | ActorKind::Org)) {
                // "ambassador to the DPRK" / "in Pyongyang" names the host, never the role's own country.
                let from = unit_start(&units[i + 1], hits, toks);
                let host = sentence.get(from..unit_end(target, hits, toks)).unwrap_or(&e.name);
                if phrases[pi].class == RoleClass::Person {
                    phrases[pi].info.text = format!("{} {host}", phrases[pi].info.text);
                }
                phrases[pi].last = k;
            }
        }
        phrases.extend(coordinated);
        phrases
    }
}

struct MentionParts {
    actor: String,
    name: String,
    kind: ActorKind,
    code: String,
    country: Option<String>,
    sector: Option<String>,
    role: Option<String>,
    form: MentionForm,
}

fn make_mention(full: &str, s: usize, e: usize, offset: usize, p: MentionParts) -> Option<ActorMention> {
    let span = Span::new(full, offset + s, offset + e).ok()?;
    let text = span.slice(full)?.to_string();
    Some(ActorMention {
        span,
        text,
        actor: p.actor,
        name: p.name,
        kind: p.kind,
        code: p.code,
        country: p.country,
        sector: p.sector,
        role: p.role,
        form: p.form,
    })
}

fn caps_ok(caps: Caps, surface: &str) -> bool {
    match caps {
        Caps::Any => true,
        Caps::All => surface.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()),
        Caps::Edges { first, last } => {
            let words: Vec<&str> = surface.split([' ', '-', '\u{a0}', '\n']).filter(|w| !w.is_empty()).collect();
            let up = |w: Option<&&str>| {
                w.and_then(|w| w.chars().find(|c| c.is_alphabetic())).is_some_and(|c| c.is_uppercase())
            };
            (!first || up(words.first())) && (!last || up(words.last()))
        }
    }
}

/// Whether the word right before or after `[s, e)` is a capitalised word that is not a stop word ("George
/// Washington", "Washington Redskins").
fn next_to_unknown_name(sentence: &str, s: usize, e: usize, gaz: &Gazetteer) -> bool {
    let is_name = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            && w.chars().any(|c| c.is_lowercase())
            && !gaz.stopwords.contains(&normalize(w))
    };
    let before = sentence.get(..s).unwrap_or("");
    let prev_word = before.strip_suffix(' ').and_then(|b| b.rsplit([' ', '\n', '\t']).next());
    let after = sentence.get(e..).unwrap_or("");
    let next_word = after.strip_prefix(' ').and_then(|a| a.split([' ', ',', '.', ';', ':', '\n']).next());
    // A title before the name ("President Bush") is not another name.
    prev_word
        .is_some_and(|w| is_name(w) && !w.ends_with(['.', ',', ':', ';']) && !gaz.role_words.contains(&normalize(w)))
        || next_word.is_some_and(is_name)
}

/// The honorific written right before `start` ("Mr. " or "Sen "), as the gender it gives; `None` if there is none.
fn honorific_before(sentence: &str, start: usize) -> Option<Option<Gender>> {
    let before = sentence.get(..start)?.strip_suffix(' ')?;
    let before = before.strip_suffix('.').unwrap_or(before);
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next()?;
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    PersonCues::builtin().honorific(word)
}

/// Whether a capitalised run can be a person's name on its own evidence: its last word has two letters or more
/// ("Gen Z" names no one named Z), and no word is two words glued together by a page's markup ("OmarHillicon":
/// a capital after three lowercase letters, which "McKinley", "DeSantis" and "MacArthur" do not have).
fn plausible_name(name: &str) -> bool {
    // "We’ve asked": a contraction is a capitalised pronoun, not a name.
    let contraction = |w: &str| {
        [
            "'ve",
            "'re",
            "'ll",
            "'d",
            "'m",
            "n't",
            "\u{2019}ve",
            "\u{2019}re",
            "\u{2019}ll",
            "\u{2019}d",
            "\u{2019}m",
            "n\u{2019}t",
        ]
        .iter()
        .any(|c| w.len().checked_sub(c.len()).and_then(|i| w.get(i..)).is_some_and(|end| end.eq_ignore_ascii_case(c)))
    };
    if name.split(' ').any(contraction) {
        return false;
    }
    let glued = |w: &str| {
        let mut lower_run = 0;
        w.chars().any(|c| {
            let glue = c.is_uppercase() && lower_run >= 3;
            lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
            glue
        })
    };
    name.rsplit([' ', '-']).next().is_some_and(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        && !name.split([' ', '-']).any(glued)
}

/// The byte range of the speech verb whose subject ends at `end`: "Doe said", "Doe later said", "Doe has
/// repeatedly said". With `comma`, a comma may stand before the verb, for a subject that ends in an apposition
/// ("Doe, the envoy, said he"), but only when the verb's own subject does not follow it, since "..., said Doe"
/// makes Doe, not the words before the comma, the speaker.
fn speech_after(sentence: &str, toks: &[Tok], end: usize, cues: &PersonCues, comma: bool) -> Option<(usize, usize)> {
    let mut i = toks.partition_point(|t| t.start < end);
    let word = |i: usize| toks.get(i).filter(|t| t.word).and_then(|t| sentence.get(t.start..t.end));
    let comma = comma && toks.get(i).and_then(|t| sentence.get(t.start..t.end)) == Some(",");
    if comma {
        i += 1;
    }
    let mut between = 0;
    while between < 2 && word(i).is_some_and(|w| cues.is_between(w)) {
        i += 1;
        between += 1;
    }
    word(i).filter(|w| cues.is_speech(w, false))?;
    if comma && word(i + 1).is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    toks.get(i).map(|t| (t.start, t.end))
}

/// The person a sentence reports about: a person's mention right after a speech verb (or its "that") that is
/// followed by a verb ("said Roe has", "says that Roe opposed"), so the reported clause's subject. A name after a
/// speech verb followed by anything else is its object or the speaker ("told Roe the talks", "said Roe, who").
fn reported_subject<'m>(
    sentence: &str,
    toks: &[Tok],
    offset: usize,
    mentions: &'m [ActorMention],
    cues: &PersonCues,
) -> Option<&'m ActorMention> {
    let word = |i: usize| toks.get(i).filter(|t| t.word).and_then(|t| sentence.get(t.start..t.end));
    let verb = (0..toks.len()).find(|&i| word(i).is_some_and(|w| cues.is_speech(w, false)))?;
    let mut start = if word(verb + 1) == Some("that") { verb + 2 } else { verb + 1 };
    // "said Mr. Roe has": the honorific is not part of the name.
    if word(start).is_some_and(|w| cues.honorific(w).is_some()) {
        start += if toks.get(start + 1).and_then(|t| sentence.get(t.start..t.end)) == Some(".") { 2 } else { 1 };
    }
    let at = toks.get(start)?.start + offset;
    let m = mentions
        .iter()
        .find(|m| m.span.start() == at && m.kind == ActorKind::Person && m.form != MentionForm::Pronoun)?;
    let after = toks.partition_point(|t| t.start + offset < m.span.end());
    let next = word(after)?;
    let verb_follows = next.chars().next().is_some_and(char::is_lowercase)
        && (cues.is_between(next) || next.ends_with("ed") || BE_FORMS.contains(&next));
    verb_follows.then_some(m)
}

/// Finite forms of "be" (a closed class of English grammar): after a name they make it a clause's subject.
const BE_FORMS: [&str; 4] = ["is", "was", "are", "were"];

/// Whether unit `a` can open a clause's subject: it starts the sentence or follows punctuation or a word that
/// opens a clause ("and", "but", "that": `clause` in data/person_cues.tsv). A name after a preposition is its
/// object ("chief executive of Acme Robotics, said"), and a name right after a common noun stands in apposition
/// to it, inside a subject that may be longer ("Militants loyal to the group's frontman Jane Doe said ..." is the
/// militants speaking), so neither is taken for the verb's subject.
fn opens_clause(sentence: &str, units: &[Unit], toks: &[Tok], a: usize, cues: &PersonCues) -> bool {
    let Some(prev) = a.checked_sub(1).map(|k| &units[k]) else { return true };
    match *prev {
        Unit::Hit(_) => false,
        Unit::Tok(t) => {
            let w = &sentence[toks[t].start..toks[t].end];
            if toks[t].word { cues.opens_clause(w) } else { !is_possessive(prev, sentence, toks) }
        }
    }
}

/// Whether the run `a..=b` follows a speech verb that can precede its subject and ends its clause: "..., said
/// Jane Doe." or "said Jane Doe in a statement".
#[allow(clippy::too_many_arguments)]
fn speech_before(
    sentence: &str,
    units: &[Unit],
    toks: &[Tok],
    a: usize,
    b: usize,
    cues: &PersonCues,
    gaz: &Gazetteer,
) -> bool {
    let verb = a.checked_sub(1).and_then(|k| tok_text(&units[k], sentence, toks));
    if !verb.is_some_and(|w| cues.is_speech(w, true)) {
        return false;
    }
    match units.get(b + 1) {
        None | Some(Unit::Hit(_)) => units.get(b + 1).is_none(),
        Some(&Unit::Tok(t)) => {
            let w = &sentence[toks[t].start..toks[t].end];
            !toks[t].word || gaz.stopwords.contains(&normalize(w))
        }
    }
}

/// Whether a capital at byte `start` is the subject that acts: it opens the sentence, alone or among other
/// capitalised names joined by "and" ("Tehran and Riyadh restored ties"), or it is the agent of a passive ("an
/// admission by Moscow"). A capital after a verb or a preposition ("visited Algiers", "in Tehran") is a place.
fn acting_capital(sentence: &str, start: usize) -> bool {
    let before = sentence.get(..start).unwrap_or("");
    let words: Vec<&str> =
        before.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
    if words.last().is_some_and(|w| w.eq_ignore_ascii_case("by")) {
        return true;
    }
    words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase) || matches!(*w, "and" | "or" | "both" | "the"))
        && !words.first().is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "in" | "at" | "from" | "to" | "on"))
}

/// The sector a modifier gives the role it precedes ("former": ELI), if the unit is such a modifier.
fn modifier_sector<'g>(u: &Unit, hits: &[Hit], gaz: &'g Gazetteer) -> Option<&'g str> {
    let Unit::Hit(h) = *u else { return None };
    let Target::Role(r) = hits[h].sense.target else { return None };
    let role = &gaz.roles[r as usize];
    (role.class == RoleClass::Modifier).then_some(role.sector.as_deref()).flatten()
}

/// Whether a unit is a role word of the modifier class ("former", "late").
fn is_modifier(u: &Unit, hits: &[Hit], gaz: &Gazetteer) -> bool {
    matches!(*u, Unit::Hit(h) if matches!(hits[h].sense.target,
        Target::Role(r) if gaz.roles[r as usize].class == RoleClass::Modifier))
}

/// A capitalised word no dictionary knows that could be part of a person's name ("Ruz", "Mario", "De").
fn is_name_word(w: &str, gaz: &Gazetteer) -> bool {
    let first_upper = w.chars().next().is_some_and(char::is_uppercase);
    if !first_upper || !w.chars().any(char::is_lowercase) || !w.chars().all(|c| c.is_alphanumeric() || c == '-') {
        return false;
    }
    let n = normalize(w);
    !gaz.stopwords.contains(&n) && !gaz.role_words.contains(&n) && !gaz.org_words.contains(&n)
}

/// The start of the name word that ends one space before `start` (and after `floor`), if any.
fn name_word_before(sentence: &str, start: usize, floor: usize, gaz: &Gazetteer) -> Option<usize> {
    let text = sentence.get(floor..start)?;
    // "Jaber al-Ahmad al-Sabah": a particle joined by a hyphen, right after a name word, is inside that name
    // (the particle and the word before it count as one name word).
    if let Some(p) = NAME_HYPHEN_PARTICLES.iter().find(|p| text.ends_with(*p)) {
        let before = text[..text.len() - p.len()].strip_suffix(' ')?;
        let word = before.rsplit(char::is_whitespace).next()?;
        return is_name_piece(word, gaz).then(|| start - p.len() - 1 - word.len());
    }
    let before = text.strip_suffix(' ')?;
    let word = before.rsplit(char::is_whitespace).next()?;
    is_name_word(word, gaz).then(|| start - 1 - word.len())
}

/// Particles written joined to the next word of a name ("al-Sabah", "ul-Haq").
const NAME_HYPHEN_PARTICLES: [&str; 8] = ["al-", "el-", "Al-", "El-", "ul-", "ud-", "ad-", "as-"];

/// A name word, or one with a joined particle ("al-Ahmad").
fn is_name_piece(word: &str, gaz: &Gazetteer) -> bool {
    let rest = NAME_HYPHEN_PARTICLES.iter().find_map(|p| word.strip_prefix(p)).unwrap_or(word);
    is_name_word(rest, gaz)
}

/// The end of the name word that starts one space after `end` (and before `ceil`), if any.
fn name_word_after(sentence: &str, end: usize, ceil: usize, gaz: &Gazetteer) -> Option<usize> {
    let after = sentence.get(end..ceil)?.strip_prefix(' ')?;
    let word = after.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')' | '(')).next()?;
    is_name_word(word, gaz).then(|| end + 1 + word.len())
}

/// Whether the sentence reads like a title-case headline: several capitalised words and no lowercase word other
/// than the function words title case leaves small ("Leader Pledges Full Support for Russia"). Prose always has
/// some ("met", "said").
fn is_title_case(sentence: &str, toks: &[Tok], gaz: &Gazetteer) -> bool {
    let mut caps = 0;
    for t in toks.iter().filter(|t| t.word) {
        let w = &sentence[t.start..t.end];
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            caps += 1;
        } else if first.is_lowercase() && !gaz.stopwords.contains(w) {
            return false;
        }
    }
    caps >= 3
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    iter.next();
                } else if matches!(d, '-' | '\'' | '\u{2019}' | '.') {
                    // Keep "Il-sung", "O'Brien", "U.S." in one word, but split "DPRK's" and a trailing "Workers'".
                    let rest = &s[j + d.len_utf8()..];
                    let next = rest.chars().next();
                    let possessive = matches!(d, '\'' | '\u{2019}')
                        && (rest.starts_with('s') || rest.starts_with('S'))
                        && rest[1..].chars().next().is_none_or(|x| !x.is_alphanumeric());
                    let dotted = d == '.' && next.is_some_and(|x| x.is_ascii_uppercase()) && end - i == 1;
                    if !possessive && (next.is_some_and(|x| x.is_alphanumeric()) && d != '.' || dotted) {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(Tok { start: i, end, word: true });
        } else if matches!(c, '\'' | '\u{2019}') && iter.peek().is_some_and(|&(_, d)| d == 's' || d == 'S') {
            let (j, d) = iter.next().unwrap_or((i, c));
            out.push(Tok { start: i, end: j + d.len_utf8(), word: false });
        } else {
            out.push(Tok { start: i, end: i + c.len_utf8(), word: false });
        }
    }
    out
}

fn build_units(hits: &[Hit], toks: &[Tok]) -> Vec<Unit> {
    let mut units = Vec::with_capacity(toks.len());
    let mut h = 0;
    for (t, tok) in toks.iter().enumerate() {
        while h < hits.len() && hits[h].end <= tok.start {
            h += 1;
        }
        if h < hits.len() && hits[h].start < tok.end && tok.start < hits[h].end {
            if units.last() != Some(&Unit::Hit(h)) {
                units.push(Unit::Hit(h));
            }
        } else {
            units.push(Unit::Tok(t));
        }
    }
    units
}

fn unit_start(u: &Unit, hits: &[Hit], toks: &[Tok]) -> usize {
    match *u {
        Unit::Hit(h) => hits[h].start,
        Unit::Tok(t) => toks[t].start,
    }
}

fn unit_end(u: &Unit, hits: &[Hit], toks: &[Tok]) -> usize {
    match *u {
        Unit::Hit(h) => hits[h].end,
        Unit::Tok(t) => toks[t].end,
    }
}

fn tok_text<'a>(u: &Unit, sentence: &'a str, toks: &[Tok]) -> Option<&'a str> {
    match *u {
        Unit::Tok(t) => sentence.get(toks[t].start..toks[t].end),
        Unit::Hit(_) => None,
    }
}

fn is_tok(u: &Unit, sentence: &str, toks: &[Tok], want: &str) -> bool {
    tok_text(u, sentence, toks).is_some_and(|t| t.eq_ignore_ascii_case(want))
}

/// Whether a match at `start` sits inside a hyphenated word that makes it no actor: a role word ending a compound
/// ("multi-party", "anti-government") or anything after "anti-", "pro-", "non-" ("anti-American protesters" are
/// not American).
fn inside_compound(sentence: &str, start: usize, senses: &[Sense]) -> bool {
    let Some(before) = sentence.get(..start).and_then(|b| b.strip_suffix('-')) else { return false };
    let prefix = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let is = |words: &[&str]| words.iter().any(|p| prefix.eq_ignore_ascii_case(p));
    if is(&["ex", "co"]) {
        // "ex-president", "co-chairman" are still titles.
        return false;
    }
    is(&["anti", "pro", "non", "counter"]) || senses.iter().all(|s| matches!(s.target, Target::Role(_)))
}

/// A capitalised word no dictionary took, or "and", as in a title's portfolio ("Planning and Investment").
fn is_portfolio_word(u: &Unit, sentence: &str, toks: &[Tok], gaz: &Gazetteer) -> bool {
    tok_text(u, sentence, toks).is_some_and(|w| {
        w == "and"
            || (w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && !gaz.stopwords.contains(&normalize(w)))
    })
}

fn is_tok_at(units: &[Unit], i: usize, sentence: &str, toks: &[Tok], want: &str) -> bool {
    units.get(i).is_some_and(|u| is_tok(u, sentence, toks, want))
}

fn is_det(u: &Unit, sentence: &str, toks: &[Tok]) -> bool {
    tok_text(u, sentence, toks).is_some_and(|t| {
        matches!(t.to_ascii_lowercase().as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their")
    })
}

fn is_possessive(u: &Unit, sentence: &str, toks: &[Tok]) -> bool {
    tok_text(u, sentence, toks).is_some_and(|t| matches!(t, "'s" | "\u{2019}s" | "'S"))
}

/// Maximal runs of capitalised words (with name particles inside) among the tokens no dictionary entry took.
fn name_runs(sentence: &str, toks: &[Tok], units: &[Unit], gaz: &Gazetteer) -> Vec<(usize, usize)> {
    let word_kind = |u: &Unit| -> u8 {
        // 0 = not part of a name, 1 = capitalised name word, 2 = particle
        let Unit::Tok(t) = *u else { return 0 };
        let tok = toks[t];
        if !tok.word {
            return 0;
        }
        let w = &sentence[tok.start..tok.end];
        let first = w.chars().next().unwrap_or(' ');
        // Lowercase words are never name words except particles: decide those without allocating.
        if !first.is_uppercase() {
            if let Some((prefix, rest)) = w.split_once('-')
                && NAME_PARTICLES.contains(&prefix)
                && rest.chars().next().is_some_and(|c| c.is_uppercase())
            {
                return 1;
            }
            return if NAME_PARTICLES.contains(&w) { 2 } else { 0 };
        }
        let norm = normalize(w);
        if NAME_PARTICLES.contains(&norm.as_str()) {
            // A capitalised particle can open a name ("Le Hoai Trung", "De Klerk").
            return if first.is_uppercase() { 1 } else { 2 };
        }
        if let Some((prefix, rest)) = w.split_once('-')
            && NAME_PARTICLES.contains(&prefix)
            && rest.chars().next().is_some_and(|c| c.is_uppercase())
        {
            return 1;
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let all_caps = letters >= 2 && w.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
        if first.is_uppercase() && !all_caps && !gaz.stopwords.contains(&norm) && !w.contains('.') { 1 } else { 0 }
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if word_kind(&units[i]) != 1 {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i + 1;
        while j < units.len() {
            match word_kind(&units[j]) {
                1 => {
                    end = j;
                    j += 1;
                }
                2 => j += 1,
                _ => break,
            }
        }
        runs.push((start, end));
        i = end + 1;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn any_text_resolves_without_panics_and_with_valid_spans(
            text in "(\\PC|[A-Z][a-z]+ |Cuban ambassador |President |, |'s |-){0,40}"
        ) {
            let mut reg = Registry::new();
            for m in reg.resolve_text(&text, None) {
                proptest::prop_assert_eq!(m.span.slice(&text), Some(m.text.as_str()));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn token_index_finds_every_fuzzy_match(a in "[a-z]{1,8}", suffix in "[a-z]{0,3}", swap: bool) {
            let b = format!("{a}{suffix}");
            let (query, alias) = if swap { (b.as_str(), a.as_str()) } else { (a.as_str(), b.as_str()) };
            let found = token_keys(query).any(|k| token_keys(alias).any(|x| x == k));
            proptest::prop_assert!(!token_eq(query, alias) || found);
        }
    }

    #[test]
    fn registry_matches_names_through_the_cached_tokens() {
        let mut reg = Registry::new();
        let p = reg.new_person("Jesus De Los Angeles Aise Sotolongo", Some("CUB".to_string()));
        assert_eq!(reg.find_person("Aise Sotolong", None, &[]), Some(p));
        assert_eq!(reg.find_person("Aise Sotolong", Some("PRK"), &[]), None);
        assert_eq!(reg.find_person("Kim Sotolongo", None, &[]), None);
        let q = reg.new_person("Aise Sotolongova", None);
        assert_eq!(reg.find_person("Aise Sotolongo", None, &[q]), Some(q));
        // A registry read back from its serialised form rebuilds the caches.
        let mut back: Registry = serde_json::from_str(&serde_json::to_string(&reg).unwrap()).unwrap();
        back.ensure_index();
        assert_eq!(back.find_person("Aise Sotolong", Some("CUB"), &[]), Some(p));
    }

    #[test]
    fn fuzzy_names() {
        let a = name_tokens("Aise Sotolong");
        let b = name_tokens("Jesus De Los Angeles Aise Sotolongo");
        assert!(contained(&significant(&a), &significant(&b)));
        let c = name_tokens("Kim Jong Un");
        let d = name_tokens("Kim Jong Il");
        assert!(!contained(&significant(&c), &significant(&d)));
        assert_eq!(slug("Kim Il-sung"), "kim-il-sung");
    }

    #[test]
    fn tokenizer_splits_possessives_and_keeps_hyphens() {
        let s = "DPRK's Kim Il-sung and U.S. envoys";
        let words: Vec<&str> = tokenize(s).iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(words, vec!["DPRK", "'s", "Kim", "Il-sung", "and", "U.S", ".", "envoys"]);
    }
}
