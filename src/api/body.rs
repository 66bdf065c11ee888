//! Strict JSON request bodies: every field is known, every value has its declared type.
//!
//! poem-openapi's own `Json<T>` turns a number into a string where a string is declared and
//! reports type errors without saying which field. `JsonBody<T>` checks the parsed JSON against
//! `T`'s OpenAPI schema first, so a client learns exactly which field is wrong
//! (`weeks[0].days[1].notez`), and only then lets poem-openapi build `T` (whose request
//! objects also carry `deny_unknown_fields`, so an unknown field is refused either way).

use std::any::TypeId;
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::{OnceLock, RwLock};

use poem::{FromRequest, Request, RequestBody};
use poem_openapi::payload::{ParsePayload, Payload};
use poem_openapi::registry::{MetaSchema, MetaSchemaRef, Registry};
use poem_openapi::types::{ParseFromJSON, Type};
use serde_json::Value;

use crate::error::{AppError, FieldError};

/// How deep a request body may nest (ours nest five levels: a plan's set targets).
const MAX_DEPTH: usize = 16;

/// A JSON request body checked strictly against its schema; see the module documentation.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T> Deref for JsonBody<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Type> Payload for JsonBody<T> {
    const CONTENT_TYPE: &'static str = "application/json; charset=utf-8";

    fn check_content_type(content_type: &str) -> bool {
        <poem_openapi::payload::Json<T> as Payload>::check_content_type(content_type)
    }

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

/// The schemas of `T` and everything it refers to, built once per body type (a body is checked
/// against them on every request; building them is as costly as the check).
fn registry_of<T: Type + 'static>() -> &'static Registry {
    type Cache = RwLock<HashMap<TypeId, &'static Registry>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    let id = TypeId::of::<T>();
    if let Some(r) = cache.read().unwrap_or_else(|e| e.into_inner()).get(&id) {
        return r;
    }
    let mut registry = Registry::new();
    T::register(&mut registry);
    // One registry per request body type for the life of the process.
    let built: &'static Registry = Box::leak(Box::new(registry));
    cache
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .entry(id)
        .or_insert(built)
}

impl<T: ParseFromJSON + 'static> ParsePayload for JsonBody<T> {
    const IS_REQUIRED: bool = T::IS_REQUIRED;

    async fn from_request(request: &Request, body: &mut RequestBody) -> poem::Result<Self> {
        let data = Vec::<u8>::from_request(request, body).await?;
        let value = if data.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&data).map_err(|e| {
                AppError::BadRequest(format!(
                    "The request body is not valid JSON ({e}); send a JSON object."
                ))
            })?
        };
        let mut errs = Vec::new();
        check(
            registry_of::<T>(),
            &T::schema_ref(),
            &value,
            "",
            0,
            &mut errs,
        );
        if !errs.is_empty() {
            return Err(AppError::Validation(errs).into());
        }
        T::parse_from_json(Some(value))
            .map(Self)
            .map_err(|e| parse_error(&e.into_message()).into())
    }
}

poem_openapi::impl_apirequest_for_payload!(JsonBody<T>, T: ParseFromJSON + 'static);

/// A 422 naming the field poem-openapi's parse error `message` is about (an unknown field, a
/// failed validator), or `body` when the message names none.
pub fn parse_error(message: &str) -> AppError {
    let named = |marker: &str| {
        let start = message.find(marker)? + marker.len();
        let len = message[start..].find('`')?;
        Some(message[start..start + len].to_owned())
    };
    if let Some(field) = named("unknown field `") {
        return AppError::Validation(vec![
            FieldError::new(
                &field,
                "There is no such field; check its spelling against the API documentation.",
            )
            .with_code("unknown_field"),
        ]);
    }
    let field = named("field `").unwrap_or_else(|| "body".to_owned());
    AppError::invalid(&field, format!("This value is not accepted: {message}"))
}

fn resolve<'a>(registry: &'a Registry, schema: &'a MetaSchemaRef) -> Option<&'a MetaSchema> {
    match schema {
        MetaSchemaRef::Inline(s) => Some(s),
        MetaSchemaRef::Reference(name) => registry.schemas.get(name),
    }
}

fn join(at: &str, field: &str) -> String {
    if at.is_empty() {
        field.to_owned()
    } else {
        format!("{at}.{field}")
    }
}

/// Checks `value` against `schema`, adding one error per wrong field (path `at`). `null` is
/// left to the type's own parser, which knows which fields may be null or left out.
fn check(
    registry: &Registry,
    schema: &MetaSchemaRef,
    value: &Value,
    at: &str,
    depth: usize,
    errs: &mut Vec<FieldError>,
) {
    let Some(s) = resolve(registry, schema) else {
        return;
    };
    let field = if at.is_empty() { "body" } else { at };
    if depth > MAX_DEPTH {
        errs.push(FieldError::new(field, "The body nests too deeply."));
        return;
    }
    for part in &s.all_of {
        check(registry, part, value, at, depth + 1, errs);
    }
    if value.is_null() || !s.any_of.is_empty() || !s.one_of.is_empty() {
        return;
    }
    let expected = match s.ty {
        "string" if !value.is_string() => Some("a string"),
        "integer" if !(value.is_i64() || value.is_u64()) => Some("a whole number"),
        "number" if !value.is_number() => Some("a number"),
        "boolean" if !value.is_boolean() => Some("true or false"),
        "array" if !value.is_array() => Some("a list"),
        "object" if !value.is_object() => Some("an object"),
        _ => None,
    };
    if let Some(expected) = expected {
        errs.push(FieldError::new(field, format!("Send {expected} here.")));
        return;
    }
    if !s.enum_items.is_empty() && !s.enum_items.contains(value) {
        let allowed: Vec<String> = s
            .enum_items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect();
        errs.push(FieldError::new(
            field,
            format!("Use one of: {}.", allowed.join(", ")),
        ));
        return;
    }
    match value {
        Value::Array(items) => {
            if let Some(item) = &s.items {
                for (i, v) in items.iter().enumerate() {
                    check(registry, item, v, &format!("{at}[{i}]"), depth + 1, errs);
                }
            }
        }
        Value::Object(obj) if s.ty == "object" && s.additional_properties.is_none() => {
            if s.properties.is_empty() && s.all_of.is_empty() {
                // A free-form object (`serde_json::Value`): nothing to check.
                return;
            }
            for (k, v) in obj {
                match s.properties.iter().find(|(name, _)| name == k) {
                    Some((_, prop)) => check(registry, prop, v, &join(at, k), depth + 1, errs),
                    None if s.all_of.is_empty() => errs.push(
                        FieldError::new(
                            &join(at, k),
                            "There is no such field; check its spelling against the API documentation.",
                        )
                        .with_code("unknown_field"),
                    ),
                    None => {}
                }
            }
            for name in &s.required {
                if !obj.contains_key(*name) {
                    errs.push(
                        FieldError::new(&join(at, name), "This field is required.")
                            .with_code("required"),
                    );
                }
            }
        }
        _ => {}
    }
}
