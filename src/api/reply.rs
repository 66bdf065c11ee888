//! JSON response bodies written straight from the type.
//!
//! poem-openapi's `Json<T>` builds a `serde_json::Value` tree of the whole response (a map per
//! object, a string per field) and then writes that out; for the long lists a phone pages
//! through, building and dropping the tree costs more than reading the rows. `Reply<T>` has the
//! same OpenAPI description (`T`'s schema) but serialises `T` with serde directly. A type used
//! with it derives both `Object` and `serde::Serialize` with the same field names and enum
//! spellings; `same_as_openapi` (used by the tests) checks that the two agree.

use std::marker::PhantomData;

use poem::{IntoResponse, Response};
use poem_openapi::ApiResponse;
use poem_openapi::payload::{Json, Payload};
use poem_openapi::registry::{MetaResponses, MetaSchemaRef, Registry};
use poem_openapi::types::{ToJSON, Type};
use serde::Serialize;

use super::json::JsonOut;

/// A JSON response serialised with serde; see the module documentation.
#[derive(Debug)]
pub struct Reply<T>(pub T);

impl<T: Type> Payload for Reply<T> {
    const CONTENT_TYPE: &'static str = "application/json; charset=utf-8";

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Type + Serialize + Send> IntoResponse for Reply<T> {
    fn into_response(self) -> Response {
        respond(write(&self.0))
    }
}

/// `v` as JSON.
fn write(v: &impl Serialize) -> serde_json::Result<Vec<u8>> {
    // Sized for a page of a list at once (serde_json starts at 128 bytes and doubles).
    let mut body = Vec::with_capacity(8 * 1024);
    serde_json::to_writer(&mut body, v)?;
    Ok(body)
}

fn respond(body: serde_json::Result<Vec<u8>>) -> Response {
    match body {
        Ok(body) => Response::builder()
            .content_type("application/json; charset=utf-8")
            .body(body),
        Err(e) => poem::Error::from_string(
            format!("the response could not be written: {e}"),
            poem::http::StatusCode::INTERNAL_SERVER_ERROR,
        )
        .into_response(),
    }
}

/// A JSON body written by hand (`api::json`) from a view that borrows the stored rows,
/// described in the OpenAPI document as `T`: for the lists read most often, where copying
/// every row into its wire type first and walking it with serde cost as much as reading the
/// rows. Each view has a test that it writes exactly the bytes `T` would.
pub struct Written<T> {
    body: Vec<u8>,
    of: PhantomData<fn() -> T>,
}

impl<T> Written<T> {
    pub fn new(body: JsonOut) -> Self {
        Self {
            body: body.into_bytes(),
            of: PhantomData,
        }
    }
}

impl<T: Type> Payload for Written<T> {
    const CONTENT_TYPE: &'static str = "application/json; charset=utf-8";

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Type> IntoResponse for Written<T> {
    fn into_response(self) -> Response {
        respond(Ok(self.body))
    }
}

impl<T: ToJSON> ApiResponse for Written<T> {
    fn meta() -> MetaResponses {
        <Json<T> as ApiResponse>::meta()
    }

    fn register(registry: &mut Registry) {
        <Json<T> as ApiResponse>::register(registry);
    }
}

impl<T: ToJSON + Serialize + Send> ApiResponse for Reply<T> {
    fn meta() -> MetaResponses {
        <Json<T> as ApiResponse>::meta()
    }

    fn register(registry: &mut Registry) {
        <Json<T> as ApiResponse>::register(registry);
    }
}

/// Whether serde writes `v` as the same JSON as its OpenAPI description (poem-openapi's own
/// `to_json`): what every type sent as a `Reply` must keep true.
pub fn same_as_openapi<T: ToJSON + Serialize>(v: &T) -> Result<(), String> {
    let ours = serde_json::to_value(v).map_err(|e| e.to_string())?;
    let theirs = v.to_json().unwrap_or(serde_json::Value::Null);
    if ours == theirs {
        Ok(())
    } else {
        Err(format!("serde: {ours}\nopenapi: {theirs}"))
    }
}
