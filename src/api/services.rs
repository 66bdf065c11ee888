//! A domain service as a typed handler parameter: `Svc<'_, Training>`, `Svc<'_, Accounts>`, …
//!
//! The server puts the whole application state into each request once, as one
//! `Arc<AppState>` extension (one reference count increment), rather than one extension per
//! service: each of those was a clone of a service made of many `Arc`s, an allocation and a
//! map insert on every request, and as many drops after it. Handlers still name only the
//! services they use; `Svc` borrows that one service out of the shared state.

use std::ops::Deref;
use std::sync::Arc;

use poem::{FromRequest, Request, RequestBody};

use crate::config::Settings;
use crate::error::AppError;
use crate::state::AppState;

/// The application state of this request, or a 500 when the server was built without it.
pub fn state(req: &Request) -> Result<&AppState, AppError> {
    req.data::<Arc<AppState>>()
        .map(|state| &**state)
        .ok_or_else(|| {
            AppError::Internal("the application state is not wired into the server".into())
        })
}

/// A part of the application state a handler may ask for by type.
pub trait Service: Sync + 'static {
    /// This part of `state`.
    fn of(state: &AppState) -> &Self;
}

/// The service `T`, borrowed from the request's application state for the request's length.
pub struct Svc<'a, T>(pub &'a T);

impl<T> Deref for Svc<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0
    }
}

impl<'a, T: Service> FromRequest<'a> for Svc<'a, T> {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        Ok(Self(T::of(state(req)?)))
    }
}

impl Service for AppState {
    fn of(state: &AppState) -> &Self {
        state
    }
}

macro_rules! service {
    ($($ty:ty => $field:ident),* $(,)?) => {
        $(
            impl Service for $ty {
                fn of(state: &AppState) -> &Self {
                    &state.$field
                }
            }
        )*
    };
}

service!(
    Arc<Settings> => settings,
    crate::accounts::Accounts => accounts,
    crate::training::Training => training,
    crate::coaching::Coaching => coaching,
    crate::analysis::Analysis => analysis,
    crate::search::Search => search,
    crate::social::Social => social,
    crate::gamification::Gamification => gamification,
    crate::feedback::FeedbackService => feedback,
    crate::usage::Usage => usage,
    crate::import::Imports => imports,
    crate::calendar::Calendar => calendar,
    crate::tracks::Tracks => tracks,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn missing_state_is_a_500_not_a_panic() {
        let req = Request::builder().finish();
        let err = Svc::<crate::accounts::Accounts>::from_request(&req, &mut RequestBody::default())
            .await
            .err()
            .expect("no state, no service");
        assert_eq!(err.status(), poem::http::StatusCode::INTERNAL_SERVER_ERROR);
        assert!(err.downcast_ref::<AppError>().is_some());
    }
}
