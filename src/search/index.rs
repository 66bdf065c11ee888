//! The Tantivy schema, analysers and the documents made from redb records.
//!
//! Text is folded before it reaches Tantivy (lower case, ё → е), so "Жим лёжа", "жим лежа" and
//! "ЖИМ ЛЁЖА" are the same words. Names are indexed three ways: plain words (exact, prefix and
//! typo-tolerant matching), English stems and Russian stems.

use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};
use tantivy::{Index, TantivyDocument};

use crate::accounts::model::{Status, User, Visibility as ProfileVisibility};
use crate::storage::ids;
use crate::training::model::{Exercise, Plan};
use crate::training::vocab::fold;

/// Bump when the schema or the analysers change: the index is then rebuilt at start.
pub const SCHEMA_VERSION: u32 = 2;

pub const WORDS: &str = "gb_words";
pub const EN: &str = "gb_en";
pub const RU: &str = "gb_ru";

#[derive(Clone, Copy)]
pub struct Fields {
    /// "kind:id" — unique per document, for upserts.
    pub key: Field,
    pub kind: Field,
    /// Who may find it: "all", "owner:<id>", "admin", "plan:<id>" (assigned members).
    pub access: Field,
    pub name: Field,
    pub name_en: Field,
    pub name_ru: Field,
    /// The whole folded name(s), for ranking exact matches first.
    pub exact: Field,
    pub body_en: Field,
    pub body_ru: Field,
}

fn text(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        kind: b.add_text_field("kind", STRING),
        access: b.add_text_field("access", STRING),
        name: b.add_text_field("name", text(WORDS)),
        name_en: b.add_text_field("name_en", text(EN)),
        name_ru: b.add_text_field("name_ru", text(RU)),
        exact: b.add_text_field("exact", STRING),
        body_en: b.add_text_field("body_en", text(EN)),
        body_ru: b.add_text_field("body_ru", text(RU)),
    };
    (b.build(), fields)
}

/// Registers the analysers on an index (they are not stored with it).
pub fn register(index: &Index) {
    let t = index.tokenizers();
    t.register(
        WORDS,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
    t.register(
        EN,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build(),
    );
    t.register(
        RU,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::Russian))
            .build(),
    );
}

/// A document ready to index, plus its key.
pub struct Doc {
    pub key: String,
    pub doc: TantivyDocument,
}

struct Builder<'a> {
    f: &'a Fields,
    doc: TantivyDocument,
}

impl Builder<'_> {
    fn names<'s>(&mut self, names: impl IntoIterator<Item = &'s str>) {
        for n in names {
            let n = fold(n);
            if n.is_empty() {
                continue;
            }
            self.doc.add_text(self.f.name, &n);
            self.doc.add_text(self.f.name_en, &n);
            self.doc.add_text(self.f.name_ru, &n);
            self.doc.add_text(
                self.f.exact,
                n.split_whitespace().collect::<Vec<_>>().join(" "),
            );
        }
    }

    fn body(&mut self, text: &str) {
        let t = fold(text);
        if !t.is_empty() {
            self.doc.add_text(self.f.body_en, &t);
            self.doc.add_text(self.f.body_ru, &t);
        }
    }

    fn access(&mut self, a: &str) {
        self.doc.add_text(self.f.access, a);
    }
}

fn start<'a>(f: &'a Fields, kind: &str, id: &str) -> (String, Builder<'a>) {
    let key = format!("{kind}:{id}");
    let mut doc = TantivyDocument::default();
    doc.add_text(f.key, &key);
    doc.add_text(f.kind, kind);
    (key, Builder { f, doc })
}

/// A user's document, or `None` when they must not be found (hidden from search, disabled).
/// It reads only what `User::same_for_search` compares (a user changed in anything else is
/// not re-indexed).
pub fn user_doc(f: &Fields, u: &User) -> Option<Doc> {
    if u.status != Status::Active || !u.privacy.searchable {
        return None;
    }
    let id = ids::to_string(u.id);
    let (key, mut b) = start(f, "user", &id);
    b.names([u.username.as_str(), u.display_name.as_str()]);
    b.body(&u.bio);
    b.access(&format!("owner:{id}"));
    b.access("admin");
    if matches!(
        u.privacy.profile_visibility,
        ProfileVisibility::Public | ProfileVisibility::Members
    ) {
        b.access("all");
    }
    Some(Doc { key, doc: b.doc })
}

/// A plan's document: title, description, tags and the names of its exercises.
pub fn plan_doc(f: &Fields, p: &Plan, exercise_names: &[String]) -> Doc {
    let id = ids::to_string(p.id);
    let (key, mut b) = start(f, "plan", &id);
    b.names([p.title.as_str()]);
    b.body(&p.description);
    b.body(&p.tags.join(" "));
    b.body(&exercise_names.join(" "));
    b.access(&format!("owner:{}", ids::to_string(p.owner_id)));
    b.access(&format!("plan:{id}"));
    if p.visibility.shared_with_members() {
        b.access("all");
    }
    Doc { key, doc: b.doc }
}

/// A club's document: its name and description. An invitation-only club is found by its own
/// people and administrators only.
pub fn club_doc(f: &Fields, c: &crate::social::model::Club) -> Doc {
    let id = ids::to_string(c.id);
    let (key, mut b) = start(f, "club", &id);
    b.names([c.name.as_str()]);
    b.body(&c.description);
    if c.policy == crate::social::model::JoinPolicy::Invite {
        b.access(&format!("club:{id}"));
        b.access("admin");
    } else {
        b.access("all");
    }
    Doc { key, doc: b.doc }
}

/// An exercise's document: names and aliases in both languages, muscles, equipment.
pub fn exercise_doc(f: &Fields, e: &Exercise) -> Doc {
    let (key, mut b) = start(f, "exercise", &e.id);
    b.names(e.names());
    b.body(&e.primary.join(" ").replace('_', " "));
    b.body(&e.secondary.join(" ").replace('_', " "));
    b.body(&e.equipment.replace('_', " "));
    b.body(&e.category.replace('_', " "));
    match e.owner_id {
        Some(owner) => b.access(&format!("owner:{}", ids::to_string(owner))),
        None => b.access("all"),
    }
    Doc { key, doc: b.doc }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::model::{Role, Totp};
    use tantivy::Document;

    fn doc_text(u: &User) -> Option<String> {
        let (schema, f) = schema();
        user_doc(&f, u).map(|d| format!("{} {}", d.key, d.doc.to_json(&schema)))
    }

    #[test]
    fn a_user_changed_only_outside_their_search_document_is_the_same_for_search() {
        let base = User::sample();
        let mut other = base.clone();
        other.last_login_at = Some(1_800_000_000);
        other.email = Some("anna@example.com".into());
        other.role = Role::Coach;
        other.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXI$aGFzaA".into();
        other.created_at += 1;
        other.preferences.timezone = "Europe/Moscow".into();
        other.totp = Some(Totp {
            secret_b32: "JBSWY3DPEHPK3PXP".into(),
            enabled: true,
            recovery_hashes: vec![],
            last_step: 0,
        });
        other.avatar_version = 3;
        other.status_reason = Some("x".into());
        other.version += 1;
        assert!(base.same_for_search(&other));
        assert_eq!(doc_text(&base), doc_text(&other));

        let changes: [fn(&mut User); 6] = [
            |u| u.username = "anna2".into(),
            |u| u.display_name = "Anna K".into(),
            |u| u.bio = "squats".into(),
            |u| u.status = crate::accounts::model::Status::Disabled,
            |u| u.privacy.searchable = false,
            |u| u.privacy.profile_visibility = crate::accounts::model::Visibility::Private,
        ];
        for change in changes {
            let mut changed = base.clone();
            change(&mut changed);
            assert!(!base.same_for_search(&changed));
            assert_ne!(doc_text(&base), doc_text(&changed));
        }
    }
}
