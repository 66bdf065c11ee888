//! `gymbox openapi`: print the OpenAPI document.

pub fn run() -> anyhow::Result<()> {
    out!("{}", crate::app::openapi_json());
    Ok(())
}
