//! Page contexts as JSON values, built by moving their parts in.
//!
//! `serde_json::json!` serializes each value it is given, so a list of objects already built
//! is copied once more at every level it is nested in: a national site spent about a tenth of
//! its build copying page contexts. `obj!` builds the same objects and moves each value in.

use serde_json::{Map, Value as Json};

use super::view::{StatusView, WordingView};

/// `obj!({"key": value, ...})`: a JSON object whose values are moved in with [`IntoJson`].
macro_rules! obj {
    ({ $($key:literal : $value:expr),* $(,)? }) => {{
        #[allow(unused_mut)]
        let mut map = ::serde_json::Map::new();
        $( map.insert(::std::string::String::from($key), $crate::render::json::IntoJson::into_json($value)); )*
        ::serde_json::Value::Object(map)
    }};
}
pub(crate) use obj;

/// A value that becomes JSON by moving, not by serializing a copy.
pub trait IntoJson {
    fn into_json(self) -> Json;
}

impl IntoJson for Json {
    fn into_json(self) -> Json {
        self
    }
}

impl IntoJson for Map<String, Json> {
    fn into_json(self) -> Json {
        Json::Object(self)
    }
}

impl IntoJson for String {
    fn into_json(self) -> Json {
        Json::String(self)
    }
}

impl IntoJson for &str {
    fn into_json(self) -> Json {
        Json::String(self.to_owned())
    }
}

impl IntoJson for &String {
    fn into_json(self) -> Json {
        Json::String(self.clone())
    }
}

impl IntoJson for bool {
    fn into_json(self) -> Json {
        Json::Bool(self)
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl IntoJson for $t {
            fn into_json(self) -> Json {
                Json::from(self)
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, usize, i32, i64, f64);

impl<T: IntoJson> IntoJson for Option<T> {
    fn into_json(self) -> Json {
        self.map_or(Json::Null, IntoJson::into_json)
    }
}

impl<T: IntoJson> IntoJson for Vec<T> {
    fn into_json(self) -> Json {
        Json::Array(self.into_iter().map(IntoJson::into_json).collect())
    }
}

impl IntoJson for StatusView {
    fn into_json(self) -> Json {
        obj!({"key": self.key, "label": self.label})
    }
}

impl IntoJson for WordingView {
    fn into_json(self) -> Json {
        obj!({"original_html": self.original_html, "translation_html": self.translation_html})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `obj!` gives what `json!` gives for the kinds of values page contexts hold.
    #[test]
    fn same_as_json_macro() {
        let rows = vec![obj!({"a": 1usize, "b": Some("x")}), Json::Null];
        let built = obj!({
            "rows": rows.clone(),
            "none": None::<String>,
            "flag": true,
            "share": 0.25f64,
            "name": &String::from("区"),
            "status": StatusView { key: "met", label: "达标".into() },
        });
        let expected = json!({
            "rows": rows,
            "none": null,
            "flag": true,
            "share": 0.25,
            "name": "区",
            "status": {"key": "met", "label": "达标"},
        });
        assert_eq!(built, expected);
        assert_eq!(obj!({"n": f64::NAN}), json!({"n": null}));
    }
}
