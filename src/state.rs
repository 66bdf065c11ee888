//! The application state: every domain's service, built and wired once (the composition
//! root). The HTTP server (`app`) and the admin socket (`admin`) both serve it.

use std::sync::Arc;

use crate::accounts::Accounts;
use crate::analysis::Analysis;
use crate::coaching::Coaching;
use crate::config::Settings;
use crate::events::{Bus, Reactor};
use crate::metrics::Metrics;
use crate::social::Social;
use crate::storage::Store;
use crate::training::Training;

/// Every service of the server; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub store: Store,
    pub accounts: Accounts,
    pub training: Training,
    /// Coach–member relationships (what a coach may do for and see of a member).
    pub coaching: Coaching,
    pub analysis: Analysis,
    /// XP, badges, streaks, challenges and leaderboards.
    pub gamification: crate::gamification::Gamification,
    /// Follows, blocks, the feed, kudos, comments and notifications.
    pub social: Social,
    /// Members' ideas and bug reports, and the administrators' answers.
    pub feedback: crate::feedback::FeedbackService,
    /// The owner's usage dashboard (aggregates kept on write).
    pub usage: crate::usage::Usage,
    /// The gym's settings as they are now (name, time zone, plates, …).
    pub gym: crate::accounts::gym::Gym,
    /// Training history from other apps.
    pub imports: crate::import::Imports,
    /// Planned sessions as calendar feeds.
    pub calendar: crate::calendar::Calendar,
    /// Routes of GPS activities.
    pub tracks: crate::tracks::Tracks,
    /// The reactors of every domain (writers outside the services, e.g. the demo, publish here).
    pub bus: Bus,
    pub search: crate::search::Search,
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// Opens the database and builds the services.
    pub fn open(settings: Settings) -> Result<Self, crate::storage::OpenError> {
        let store = Store::open(&settings.data_dir)?;
        let metrics = Arc::new(Metrics::new().with_storage(store.write_stats()));
        let permits = std::thread::available_parallelism().map_or(2, |n| n.get());
        // The composition root: the reactors of every domain, in the order they run inside a
        // write. Benchmarks may leave analysis or social out (GYMBOX_REACTORS_OFF=analysis,social)
        // to measure what they cost (also `gamification`).
        let gym = crate::accounts::gym::Gym::new(crate::accounts::gym::GymDefaults {
            name: settings.instance_name.clone(),
            timezone: settings.timezone.clone(),
        });
        let analysis = Analysis::new(store.clone(), Arc::new(crate::training::history::History));
        let gamification = crate::gamification::Gamification::new(
            store.clone(),
            Arc::new(crate::training::history::History),
            gym.clone(),
        );
        let usage = crate::usage::Usage::new(store.clone(), gym.clone());
        let coaching = Coaching::new(store.clone());
        // Follows and blocks over coaching links: the ties every domain's visibility asks for.
        let social = Social::new(store.clone(), Arc::new(coaching.clone()))
            .with_member_clubs(settings.member_clubs)
            .with_awards(Arc::new(gamification.clone()));
        let relations: Arc<dyn crate::access::Relations> = Arc::new(social.clone());
        let off = std::env::var("GYMBOX_REACTORS_OFF").unwrap_or_default();
        let on = |name: &str| !off.split(',').any(|x| x == name);
        let mut reactors: Vec<Arc<dyn Reactor>> = vec![
            Arc::new(crate::training::history::Cleanup),
            Arc::new(coaching.clone()),
        ];
        if on("social") {
            reactors.push(Arc::new(social.clone()));
        }
        if on("analysis") {
            reactors.push(Arc::new(analysis.clone()));
        }
        // After analysis: it reads which sets the analysis found to be records.
        if on("gamification") {
            reactors.push(Arc::new(gamification.clone()));
        }
        if on("usage") {
            reactors.push(Arc::new(usage.clone()));
        }
        reactors.push(Arc::new(crate::feedback::Cleanup));
        reactors.push(Arc::new(crate::import::Cleanup));
        reactors.push(Arc::new(crate::calendar::Cleanup));
        reactors.push(Arc::new(crate::tracks::Cleanup));
        let bus = Bus::new(reactors);
        let feedback = crate::feedback::FeedbackService::new(store.clone(), bus.clone());
        coaching.set_bus(&bus);
        gamification.set_bus(&bus);
        social.set_bus(&bus);
        let accounts = Accounts::new(
            store.clone(),
            settings.registration_mode,
            permits,
            metrics.login_failures.clone(),
        )
        .with_bus(bus.clone())
        .with_gym(gym.clone());
        let training = Training::new(store.clone(), bus.clone())
            .map_err(|e| {
                crate::storage::OpenError::Other(store.path().to_path_buf(), e.to_string())
            })?
            // Training asks coaching (an active relationship) whether a coach coaches a member.
            .with_links(Arc::new(coaching.clone()))
            .with_relations(relations.clone());
        let paused = std::env::var_os("GYMBOX_SEARCH_PAUSED").is_some_and(|v| v == "1");
        let search = crate::search::Search::open(store.clone(), &settings.data_dir, paused)
            .with_relations(relations.clone());
        let imports = crate::import::Imports::new(
            store.clone(),
            training.clone(),
            accounts.clone(),
            bus.clone(),
        );
        let calendar = crate::calendar::Calendar::new(store.clone(), training.clone());
        let tracks = crate::tracks::Tracks::new(store.clone(), training.clone());
        let accounts = accounts.with_relations(relations);
        accounts.load_gym().map_err(|e| {
            crate::storage::OpenError::Other(store.path().to_path_buf(), e.to_string())
        })?;
        Ok(Self {
            settings: Arc::new(settings),
            store,
            accounts,
            training,
            coaching,
            analysis,
            gamification,
            social,
            feedback,
            usage,
            gym,
            imports,
            calendar,
            tracks,
            bus,
            search,
            metrics,
        })
    }
}
