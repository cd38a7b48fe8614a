//! Conversions from the pipeline's types into the store's records. Articles and events need none: the store keeps
//! the page stage's [`dyad_page::Article`] and the event coder's [`dyad_events::EventRecord`] as they are.

use dyad_pipeline::CodedArticle;
use dyad_store::{
    ActorMentionRecord, ActorRecord, BucketedEvent, DocCoding, ParsedDocument, RelationRecord, RoleRecord,
    SentenceRecord, StoryRecord,
};

/// An article's per-document results: sentences, actor mentions (with the actors they name) and relations.
pub(crate) fn parsed_document(article: &dyad_page::Article, coded: &CodedArticle) -> ParsedDocument {
    let seen = coded.anchor.map(|d| d.format("%Y-%m-%d").to_string());
    let mut actors: Vec<ActorRecord> = Vec::new();
    for m in &coded.mentions {
        let m = &m.mention;
        let kind = serde_json::to_value(m.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let roles = m
            .role
            .iter()
            .map(|role| RoleRecord {
                role: role.clone(),
                country: m.country.clone(),
                seen: seen.clone(),
                last_seen: None,
            })
            .collect();
        // One record per actor and document, so that the writer upserts each actor once, not once per mention.
        match actors.iter_mut().find(|a| a.id == m.actor) {
            Some(known) => {
                if !known.aliases.contains(&m.text) {
                    known.aliases.push(m.text.clone());
                }
                for role in roles {
                    if !known.roles.contains(&role) {
                        known.roles.push(role);
                    }
                }
                known.name.clone_from(&m.name);
                known.code.clone_from(&m.code);
                if m.country.is_some() {
                    known.country.clone_from(&m.country);
                }
            }
            None => actors.push(ActorRecord {
                id: m.actor.clone(),
                name: m.name.clone(),
                kind,
                code: m.code.clone(),
                country: m.country.clone(),
                aliases: vec![m.text.clone()],
                roles,
            }),
        }
    }
    ParsedDocument {
        article: article.clone(),
        sentences: coded
            .sentences
            .iter()
            .map(|s| SentenceRecord { index: s.index, start: s.start, end: s.end, text: s.text.clone() })
            .collect(),
        actors,
        mentions: coded
            .mentions
            .iter()
            .map(|m| ActorMentionRecord {
                actor: m.mention.actor.clone(),
                sentence: Some(m.sentence),
                start: m.start,
                end: m.end,
                text: m.mention.text.clone(),
            })
            .collect(),
        relations: coded.relations.iter().map(relation_of).collect(),
        coding: Some(doc_coding(article, coded)),
    }
}

/// What incremental ingest keeps of a coded article: its story fingerprint, credits and unconsolidated events.
pub(crate) fn doc_coding(article: &dyad_page::Article, coded: &CodedArticle) -> DocCoding {
    DocCoding {
        fingerprint: dyad_stories::StoryConfig::default().fingerprint(&coded.story_tokens).to_bytes(),
        credits: crate::corpus::story_meta(article).credits,
        events: coded
            .events
            .iter()
            .map(|event| BucketedEvent { bucket: dyad_stories::bucket_of(event), event: event.clone() })
            .collect(),
    }
}

/// A standing relation as stored.
pub(crate) fn relation_of(r: &dyad_pipeline::CodedRelation) -> RelationRecord {
    let key = |p: &dyad_events::Party| p.country.clone().unwrap_or_else(|| p.id.clone());
    RelationRecord {
        kind: r.kind.clone(),
        a: key(&r.a),
        b: key(&r.b),
        as_of: r.as_of.clone(),
        evidence: r.mention.clone(),
    }
}

/// A story cluster as stored.
pub(crate) fn story_of(s: &dyad_stories::Story) -> StoryRecord {
    StoryRecord {
        id: s.id.clone(),
        files: s.files.clone(),
        original: Some(s.original.clone()),
        similarity: f64::from(s.similarity),
    }
}

/// A canonical actor (a person learned from the text, with dated roles) as stored.
pub(crate) fn actor_of(a: &dyad_actors::Actor) -> ActorRecord {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    ActorRecord {
        id: a.id.clone(),
        name: a.name.clone(),
        kind: serde_json::to_value(a.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
        code: a.code.clone(),
        country: a.country.clone(),
        aliases: a.aliases.clone(),
        roles: a
            .roles
            .iter()
            .map(|r| RoleRecord {
                role: r.role.clone(),
                country: r.country.clone(),
                seen: day(r.first_seen.or(r.seen)),
                last_seen: day(r.seen),
            })
            .collect(),
    }
}
