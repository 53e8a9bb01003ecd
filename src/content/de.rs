//! Small deserialization helpers shared by the raw content structs: bilingual text, scalars
//! that may be written as numbers or strings, observation values, and maps that refuse
//! duplicate keys. Hand-written visitors keep serde's messages in the user's terms: what they
//! expect is said with entries of the catalogue (in English here, inside serde's message;
//! `content::source` finds the entry again and says it in the user's language).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use crate::messages::content as m;

/// Text in one or more languages: `{zh: ..., en: ...}`, or a plain string (Chinese only).
/// Kept as a short list sorted by language: a national site holds about a million texts, and
/// a map would cost half a kilobyte each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub LangMap);

/// (language, text) pairs sorted by language, each language once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LangMap(Box<[(String, String)]>);

impl LangMap {
    pub fn get(&self, lang: &str) -> Option<&String> {
        self.0.iter().find(|(l, _)| l == lang).map(|(_, t)| t)
    }
    pub fn contains_key(&self, lang: &str) -> bool {
        self.get(lang).is_some()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(l, _)| l)
    }
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, t)| t)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(l, t)| (l, t))
    }
}

impl FromIterator<(String, String)> for LangMap {
    /// Sorted by language; a repeated language keeps its last text.
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        let map: BTreeMap<String, String> = iter.into_iter().collect();
        LangMap(map.into_iter().collect())
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter())
    }
}

/// The language a plain string is taken to be in.
pub const PLAIN_TEXT_LANGUAGE: &str = "zh";

impl Text {
    pub fn plain(s: impl Into<String>) -> Self {
        Text(LangMap(Box::new([(PLAIN_TEXT_LANGUAGE.to_string(), s.into())])))
    }

    /// The text in `lang`, if given and not blank.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(String::as_str).filter(|s| !s.trim().is_empty())
    }

    /// The text in `lang`, else in `fallback`, else any; with `true` when it is a fallback.
    pub fn resolve<'a>(&'a self, lang: &str, fallback: &str) -> (&'a str, bool) {
        if let Some(s) = self.get(lang) {
            return (s, false);
        }
        if let Some(s) = self.get(fallback) {
            return (s, true);
        }
        (self.0.values().next().map(String::as_str).unwrap_or(""), true)
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&crate::msg!(m::EXPECTED_TEXT).en())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::plain(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text::plain(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text::plain(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Text::plain(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(lang) = map.next_key::<String>()? {
            let value: ScalarString = map.next_value()?;
            if out.insert(lang.clone(), value.0).is_some() {
                return Err(de::Error::custom(format!("duplicate key `{lang}`")));
            }
        }
        Ok(Text(out.into_iter().collect()))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// A scalar read as a string: `2023`, `2023Q2`, `"1"` and `1.5` all become their text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScalarString(pub String);

struct ScalarVisitor;

impl Visitor<'_> for ScalarVisitor {
    type Value = ScalarString;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&crate::msg!(m::EXPECTED_SCALAR).en())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<ScalarString, E> {
        Ok(ScalarString(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ScalarString, E> {
        Ok(ScalarString(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ScalarString, E> {
        Ok(ScalarString(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<ScalarString, E> {
        Ok(ScalarString(v.to_string()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<ScalarString, E> {
        Ok(ScalarString(v.to_string()))
    }
}

impl<'de> Deserialize<'de> for ScalarString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// An observed or target value as written: a number, or a word (`done`, `in_progress`, ...).
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    Number(f64),
    Word(String),
}

struct ValueVisitor;

impl Visitor<'_> for ValueVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&crate::msg!(m::EXPECTED_VALUE).en())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Word(v.trim().to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v))
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// A mapping kept in file order that refuses a key written twice.
#[derive(Debug, Clone, PartialEq)]
pub struct UniqueMap<V>(pub Vec<(String, V)>);

impl<V> Default for UniqueMap<V> {
    fn default() -> Self {
        UniqueMap(Vec::new())
    }
}

struct UniqueMapVisitor<V>(std::marker::PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMapVisitor<V> {
    type Value = UniqueMap<V>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&crate::msg!(m::EXPECTED_MAPPING).en())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<(String, V)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<ScalarString>()? {
            if !seen.insert(key.0.clone()) {
                return Err(de::Error::custom(format!("duplicate key `{}`", key.0)));
            }
            out.push((key.0, map.next_value()?));
        }
        Ok(UniqueMap(out))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(UniqueMapVisitor(std::marker::PhantomData))
    }
}
