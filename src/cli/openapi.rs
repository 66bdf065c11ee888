//! `gymbox openapi`: print the OpenAPI document.

pub fn run() -> anyhow::Result<()> {
    println!("{}", crate::app::openapi_json());
    Ok(())
}
