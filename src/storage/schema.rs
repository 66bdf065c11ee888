//! Every redb table of Gymbox, in one place. Only the domains' `store` modules use them.
//!
//! Ids are UUIDv7 as `u128`; values are `codec`-encoded records unless noted.

use redb::TableDefinition;

/// "schema_version" → u64.
pub const META: TableDefinition<&str, u64> = TableDefinition::new("meta");

/// Instance settings changed at run time: "registration_mode" → codec-encoded mode;
/// "owner_id" → the owner's id (16 bytes, big-endian); "setup_code" → SHA-256 of the pending
/// owner set-up code.
pub const SETTINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("settings");

/// user_id → `accounts::model::User`.
pub const USERS: TableDefinition<u128, &[u8]> = TableDefinition::new("users");

/// lower-cased username → user_id (unique; ordered, so prefix search is a range scan).
pub const USERNAME_TO_USER: TableDefinition<&str, u128> = TableDefinition::new("username_to_user");

/// lower-cased e-mail → user_id (unique). Added in schema version 2.
pub const EMAIL_TO_USER: TableDefinition<&str, u128> = TableDefinition::new("email_to_user");

/// session_id → `accounts::model::Session` (browser sessions and personal API tokens).
pub const SESSIONS: TableDefinition<u128, &[u8]> = TableDefinition::new("sessions");

/// SHA-256 of the secret token → session_id. The secret itself is never stored.
pub const TOKEN_HASH_TO_SESSION: TableDefinition<&[u8; 32], u128> =
    TableDefinition::new("token_hash_to_session");

/// (user_id, session_id) → () — one user's sessions and tokens, oldest first.
pub const USER_TO_SESSIONS: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("user_to_sessions");

/// invite code → `accounts::model::Invite`.
pub const INVITES: TableDefinition<&str, &[u8]> = TableDefinition::new("invites");

/// user_id → `accounts::model::Avatar` (content type + image bytes).
pub const AVATARS: TableDefinition<u128, &[u8]> = TableDefinition::new("avatars");

/// user_id → `accounts::model::ResetLink`: the one open password-reset link of a member
/// (schema version 12).
pub const PASSWORD_RESETS: TableDefinition<u128, &[u8]> = TableDefinition::new("password_resets");

// ----- training (schema version 3) -------------------------------------------------------------

/// custom exercise id → `training::model::Exercise` (private or gym-wide; built-ins live in the binary).
pub const EXERCISES: TableDefinition<u128, &[u8]> = TableDefinition::new("exercises");

/// (owner user_id, exercise_id) → () — a user's private custom exercises.
pub const USER_TO_EXERCISES: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("user_to_exercises");

/// exercise_id → () — gym-wide custom and imported exercises.
pub const GYM_EXERCISES: TableDefinition<u128, ()> = TableDefinition::new("gym_exercises");

/// plan_id → `training::model::Plan`.
pub const PLANS: TableDefinition<u128, &[u8]> = TableDefinition::new("plans");

/// (owner user_id, plan_id) → () — a user's own plans.
pub const USER_TO_PLANS: TableDefinition<(u128, u128), ()> = TableDefinition::new("user_to_plans");

/// plan_id → () — plans every member may see (visibility `members` or `public`), the gym's
/// shared list; kept in step with `PLANS` by every plan write.
pub const SHARED_PLANS: TableDefinition<u128, ()> = TableDefinition::new("shared_plans");

/// assignment_id → `training::model::Assignment`.
pub const ASSIGNMENTS: TableDefinition<u128, &[u8]> = TableDefinition::new("assignments");

/// (member user_id, assignment_id) → () — plans assigned to a member, oldest first.
pub const MEMBER_TO_ASSIGNMENTS: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("member_to_assignments");

/// (plan_id, assignment_id) → () — who follows a plan (to clean up when it is deleted).
pub const PLAN_TO_ASSIGNMENTS: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("plan_to_assignments");

/// (coach user_id, assignment_id) → () — the assignments a coach made (removed with the
/// coach's account). Schema version 7; it replaced the assignment counts of `coach_to_members`
/// (a coach's access now comes from the coaching relationship, see `COACHING`).
pub const COACH_TO_ASSIGNMENTS: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("coach_to_assignments");

/// workout_id → `training::model::Workout` (with its maintained set count and volume).
pub const WORKOUTS: TableDefinition<u128, &[u8]> = TableDefinition::new("workouts");

/// (user_id, started_at, workout_id) → () — history pages and calendars, newest first by
/// reverse range scan.
pub const USER_TO_WORKOUTS: TableDefinition<(u128, i64, u128), ()> =
    TableDefinition::new("user_to_workouts");

/// (workout_id, part) → `training::model::SetList`: a workout's sets, at most
/// `training::store::SETS_PER_ROW` to a row, so that appending a set rewrites one short row
/// however long the workout (schema version 18; before it, a row per set in `sets`). Set ids
/// are chosen by the client, so a retried append finds the set it already wrote.
pub const WORKOUT_SETS: TableDefinition<(u128, u32), &[u8]> = TableDefinition::new("workout_sets");

/// (user_id, exercise_id, at, workout_id) → (workout started_at, newest set's completed_at,
/// sets) — the workouts in which a member did an exercise, one row per workout and exercise
/// ("last time", exercise history pages, records, progress). `at` is the later of the
/// workout's start and its newest set of the exercise, so every set of the exercise done at or
/// after a time is in a workout listed at or after it. Schema version 18; it replaced the row
/// per set of `user_exercise_sets`.
pub const USER_EXERCISE_SESSIONS: TableDefinition<SessionKey, (i64, i64, u32)> =
    TableDefinition::new("user_exercise_sessions");

/// (user_id, exercise_id, at, workout_id): the key of `USER_EXERCISE_SESSIONS`.
pub type SessionKey = (u128, &'static str, i64, u128);

/// metric_id → `training::model::BodyMetric`.
pub const BODY_METRICS: TableDefinition<u128, &[u8]> = TableDefinition::new("body_metrics");

/// (user_id, kind, measured_at, metric_id) → () — one kind of measurement over time.
pub const USER_BODY_METRICS: TableDefinition<(u128, &str, i64, u128), ()> =
    TableDefinition::new("user_body_metrics");

/// (user_id, Idempotency-Key) → id of what the first request created.
pub const IDEMPOTENCY: TableDefinition<(u128, &str), u128> = TableDefinition::new("idempotency");

// ----- coaching (schema version 7) ------------------------------------------------------------
// Coach–member relationships with consent. Only `coaching::store` names these tables.

/// relationship_id → `coaching::model::Relationship` (a pending request or an active
/// relationship; declined, withdrawn and ended ones are removed).
pub const COACHING: TableDefinition<u128, &[u8]> = TableDefinition::new("coaching");

/// (coach user_id, member user_id) → relationship_id — the one current request or relationship
/// of a pair: the point read behind "does this coach coach this member?" and the 409 on a
/// second request.
pub const COACHING_PAIRS: TableDefinition<(u128, u128), u128> =
    TableDefinition::new("coaching_pairs");

/// (coach user_id, relationship_id) → () — a coach's requests and members, oldest first.
pub const COACH_TO_COACHING: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("coach_to_coaching");

/// (member user_id, relationship_id) → () — a member's coaches and requests, oldest first.
pub const MEMBER_TO_COACHING: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("member_to_coaching");

/// (user_id, Idempotency-Key) → SHA-256 of the first request's body (canonical JSON), so a key
/// reused for a different body is refused. Schema version 8; keys remembered before it have
/// no row here and are not compared.
pub const IDEMPOTENCY_BODY: TableDefinition<(u128, &str), &[u8; 32]> =
    TableDefinition::new("idempotency_body");

// ----- search (schema version 4) ---------------------------------------------------------------

/// (consumer, time-ordered row id) → payload — work for a consumer to do after commit
/// (`storage::outbox`; the search indexer's payload is "kind:id" of a changed entity). Schema
/// version 6; it replaced version 4's `search_outbox`.
pub const OUTBOX: TableDefinition<(u8, u128), &str> = TableDefinition::new("outbox");

// ----- analysis (schema version 6) -------------------------------------------------------------
// Derived from the training history by the analysis reactor in the same write transaction as
// every set and workout change; `gymbox analysis rebuild` recomputes them from scratch.
// Values are in thousandths (`analysis::rules::ordered_key`) where a key must order by value.

/// (user_id, exercise_id, metric, at, set or workout id).
pub type RecordLogKey = (u128, &'static str, u8, i64, u128);

/// (user_id, exercise_id, metric, at, set or workout id) → (value key, previous best key or
/// `u64::MAX` for a first, workout_id) — the records as they were set, oldest first.
pub const AN_RECORD_LOG: TableDefinition<RecordLogKey, (u64, u64, u128)> =
    TableDefinition::new("an_record_log");

/// (user_id, at, set or workout id, metric) → exercise_id — the same records across exercises,
/// newest first by reverse range scan (a member's recent records).
pub const AN_RECENT_RECORDS: TableDefinition<(u128, i64, u128, u8), &str> =
    TableDefinition::new("an_recent_records");

/// (user_id, exercise_id) → `analysis::model::RecordSummary` — current bests per exercise.
pub const AN_RECORDS: TableDefinition<(u128, &str), &[u8]> = TableDefinition::new("an_records");

/// (user_id, started_at, workout_id) → `analysis::model::WorkoutFacts` — what a finished
/// workout contributes: its day in the member's time zone, totals, sets per muscle, load, and
/// each exercise's aggregate within it. Days and per-exercise progress are read from these rows
/// (schema version 16; an exercise's workouts are found through training's
/// `USER_EXERCISE_SESSIONS` from version 18). A workout in progress has none until it is
/// finished (version 17).
pub const AN_FACTS: TableDefinition<(u128, i64, u128), &[u8]> =
    TableDefinition::new("an_workout_facts");

// ----- social (schema version 10) -------------------------------------------------------------
// Follows, blocks, activity, kudos, comments and notifications. Only `social::store` names
// these tables.

/// (follower user_id, followee user_id) → (follow id, accepted, asked at, accepted at or 0) —
/// the point read behind "does V follow O?" and a member's "following" list. A fixed-width
/// value rather than a codec record: the feed reads every follow of the viewer on each page.
pub const SO_FOLLOWS: TableDefinition<(u128, u128), (u128, bool, i64, i64)> =
    TableDefinition::new("so_follows");

/// (followee user_id, follower user_id) → 0 pending / 1 accepted — a member's followers and
/// the requests waiting for their answer.
pub const SO_FOLLOWERS: TableDefinition<(u128, u128), u8> = TableDefinition::new("so_followers");

/// follow id → (follower, followee) — a follow request by its id (accept, decline).
pub const SO_FOLLOW_IDS: TableDefinition<u128, (u128, u128)> =
    TableDefinition::new("so_follow_ids");

/// user_id → (accepted followers, accepted following, pending requests to answer), kept on
/// every follow write.
pub const SO_FOLLOW_COUNTS: TableDefinition<u128, (u32, u32, u32)> =
    TableDefinition::new("so_follow_counts");

/// (blocker, blocked) → when.
pub const SO_BLOCKS: TableDefinition<(u128, u128), i64> = TableDefinition::new("so_blocks");

/// (blocked, blocker) → () — who blocked a member (both sides disappear for each other).
pub const SO_BLOCKED_BY: TableDefinition<(u128, u128), ()> = TableDefinition::new("so_blocked_by");

/// (at, activity id) → (author, subject kind code, subject id) — the gym's activity, newest
/// first by reverse range scan (the `gym` feed); fixed-width, read on every feed page.
pub const SO_ACTIVITY: TableDefinition<(i64, u128), (u128, u8, u128)> =
    TableDefinition::new("so_activity");

/// (author, at, activity id) → () — one member's activity (merged on read into the
/// `following` feed).
pub const SO_ACTIVITY_BY: TableDefinition<(u128, i64, u128), ()> =
    TableDefinition::new("so_activity_by");

/// subject id (workout) → (at, activity id) — the activity item of a workout.
pub const SO_ACTIVITY_OF: TableDefinition<u128, (i64, u128)> =
    TableDefinition::new("so_activity_of");

/// (subject id, user_id) → when — kudos, one per person per item.
pub const SO_KUDOS: TableDefinition<(u128, u128), i64> = TableDefinition::new("so_kudos");

/// (user_id, subject id) → () — the kudos a member gave (removed with the account).
pub const SO_KUDOS_BY: TableDefinition<(u128, u128), ()> = TableDefinition::new("so_kudos_by");

/// comment id → `social::model::Comment`.
pub const SO_COMMENTS: TableDefinition<u128, &[u8]> = TableDefinition::new("so_comments");

/// (subject id, comment id) → () — an item's comments, oldest first.
pub const SO_COMMENTS_OF: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("so_comments_of");

/// (author, comment id) → () — a member's comments (removed with the account).
pub const SO_COMMENTS_BY: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("so_comments_by");

/// (subject id, author) → number of the author's comments on it (to leave blocked people out
/// of a count without reading the comments).
pub const SO_COMMENT_AUTHORS: TableDefinition<(u128, u128), u32> =
    TableDefinition::new("so_comment_authors");

/// subject id → (kudos, comments), kept on write.
pub const SO_COUNTS: TableDefinition<u128, (u32, u32)> = TableDefinition::new("so_counts");

/// (owner, subject id) → kind — the items of a member that have kudos or comments (their
/// social rows go when the owner's account or the item goes).
pub const SO_SUBJECTS_OF: TableDefinition<(u128, u128), u8> =
    TableDefinition::new("so_subjects_of");

/// (recipient, notification id) → `social::model::Notification`, newest last.
pub const SO_NOTIFICATIONS: TableDefinition<(u128, u128), &[u8]> =
    TableDefinition::new("so_notifications");

/// recipient → (kept, unread).
pub const SO_NOTIFICATION_COUNTS: TableDefinition<u128, (u32, u32)> =
    TableDefinition::new("so_notification_counts");

/// club id → `social::model::Club` (with its member count).
pub const SO_CLUBS: TableDefinition<u128, &[u8]> = TableDefinition::new("so_clubs");

/// (club id, user_id) → `social::model::ClubRole` code — a club's members, admins, requests
/// and invitations.
pub const SO_CLUB_MEMBERS: TableDefinition<(u128, u128), u8> =
    TableDefinition::new("so_club_members");

/// (user_id, club id) → the same role — a member's clubs.
pub const SO_USER_CLUBS: TableDefinition<(u128, u128), u8> = TableDefinition::new("so_user_clubs");

// ----- moderation (schema version 10) ---------------------------------------------------------

/// report id → `social::model::Report`.
pub const MO_REPORTS: TableDefinition<u128, &[u8]> = TableDefinition::new("mo_reports");

/// (reported at, report id) → () — the open reports, oldest first (the moderation queue).
pub const MO_OPEN: TableDefinition<(i64, u128), ()> = TableDefinition::new("mo_open");

/// (resolved at, report id) → () — resolved reports, newest first by reverse scan.
pub const MO_RESOLVED: TableDefinition<(i64, u128), ()> = TableDefinition::new("mo_resolved");

/// (reported item or member id, report id) → () — the open reports of one target.
pub const MO_TARGET_REPORTS: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("mo_target_reports");

/// (at, entry id) → `social::model::AuditEntry` — what administrators did, newest first by
/// reverse scan.
pub const MO_AUDIT: TableDefinition<(i64, u128), &[u8]> = TableDefinition::new("mo_audit");

// ----- gamification (schema version 11) -------------------------------------------------------
// XP, badges, streaks, challenges and leaderboards. Only `gamification::store` names these
// tables.

/// user_id → `gamification::model::Standing` (XP, counters behind badges, opt-out), kept on
/// write.
pub const GA_STANDING: TableDefinition<u128, &[u8]> = TableDefinition::new("ga_standing");

/// (user_id, source id: a set or a workout) → (local day, XP, when the source was done) — the
/// XP ledger: one row per source, so a retried write never counts twice and a deleted source
/// takes its XP back.
pub const GA_XP: TableDefinition<(u128, u128), (i32, u32, i64)> = TableDefinition::new("ga_xp");

/// (user_id, local day) → XP earned that day (the daily cap).
pub const GA_XP_DAYS: TableDefinition<(u128, i32), u32> = TableDefinition::new("ga_xp_days");

/// (user_id, Monday of a week) → finished workouts that week (the weekly streak).
pub const GA_WEEKS: TableDefinition<(u128, i32), u32> = TableDefinition::new("ga_weeks");

/// (user_id, local day) → sets done that day (active days).
pub const GA_DAYS: TableDefinition<(u128, i32), u32> = TableDefinition::new("ga_days");

/// (user_id, badge id) → (times earned, first earned at, last earned at, award id of the last).
pub const GA_BADGES: TableDefinition<(u128, &str), (u32, i64, i64, u128)> =
    TableDefinition::new("ga_badges");

/// award id → `gamification::model::Award` (what a feed item of a badge shows).
pub const GA_AWARDS: TableDefinition<u128, &[u8]> = TableDefinition::new("ga_awards");

/// (user_id, award id) → () — a member's awards (removed with the account).
pub const GA_USER_AWARDS: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("ga_user_awards");

/// (user_id, exercise id) → (best counted e1RM in kg, its set id, that set's workout id, body
/// weight then or 0).
pub const GA_E1RM: TableDefinition<(u128, &str), (f64, u128, u128, f64)> =
    TableDefinition::new("ga_e1rm");

/// (user_id, set id) → (workout id, state: 1 flagged, 2 confirmed, 3 voided, when) — sets kept
/// off leaderboards and challenges until confirmed, and those a moderator voided.
pub const GA_FLAGS: TableDefinition<(u128, u128), (u128, u8, i64)> =
    TableDefinition::new("ga_flags");

/// (board, user_id) → (score, ranked score, when the ranked score last changed) — every
/// member's score on every board ("volume/w20426", "e1rm/barbell-bench-press",
/// "ch/<challenge id>"). The ranked score is the score, or for a goal challenge the score up to
/// the goal (everyone who reached it ranks by when).
pub const GA_SCORES: TableDefinition<(&str, u128), (u64, u64, i64)> =
    TableDefinition::new("ga_scores");

/// (board, u64::MAX − ranked score, when reached, user_id) → () — the ordered index of listed
/// members (shown on gym-wide lists, not opted out): top-k is a range read, ties go to whoever
/// got there first.
pub const GA_BOARDS: TableDefinition<(&str, u64, i64, u128), ()> =
    TableDefinition::new("ga_boards");

/// (board, u32::MAX − score bucket) → listed members in that bucket — how many rank ahead of a
/// score is the sum of the buckets above it and a short walk inside its own (see
/// `gamification::store::bucket`).
pub const GA_RANK_BUCKETS: TableDefinition<(&str, u32), u32> =
    TableDefinition::new("ga_rank_buckets");

/// (user_id, board) → () — a member's boards (listing changes, account deletion).
pub const GA_USER_BOARDS: TableDefinition<(u128, &str), ()> =
    TableDefinition::new("ga_user_boards");

/// challenge id → `gamification::model::Challenge`.
pub const GA_CHALLENGES: TableDefinition<u128, &[u8]> = TableDefinition::new("ga_challenges");

/// (end, challenge id) → () — challenges not yet finalised, soonest end first.
pub const GA_OPEN_CHALLENGES: TableDefinition<(i64, u128), ()> =
    TableDefinition::new("ga_open_challenges");

/// (user_id, challenge id) → (start, end) — the challenges a member joined.
pub const GA_USER_CHALLENGES: TableDefinition<(u128, u128), (i64, i64)> =
    TableDefinition::new("ga_user_challenges");

// ----- feedback (schema version 12) -------------------------------------------------------------

/// feedback id → `feedback::Feedback`.
pub const FB_ITEMS: TableDefinition<u128, &[u8]> = TableDefinition::new("fb_items");

/// (status code, feedback id) → () — the administrators' inbox per status, newest last.
pub const FB_BY_STATUS: TableDefinition<(u8, u128), ()> = TableDefinition::new("fb_by_status");

/// (author, feedback id) → () — what a member sent.
pub const FB_BY_AUTHOR: TableDefinition<(u128, u128), ()> = TableDefinition::new("fb_by_author");

// ----- usage (schema version 12) ----------------------------------------------------------------

/// (local day in the gym's time zone, feature code) → count — see `events::Feature`; the
/// `Visit` row of a day counts the members active that day.
pub const US_COUNTS: TableDefinition<(i32, u8), u64> = TableDefinition::new("us_counts");

/// (user_id, kind: 0 day / 1 week / 2 month, first local day of the period) → () — when a
/// member was active: only to count each member once per period.
pub const US_SEEN: TableDefinition<(u128, u8, i32), ()> = TableDefinition::new("us_seen");

/// Monday of a week (local day) → members active that week.
pub const US_WEEKS: TableDefinition<i32, u64> = TableDefinition::new("us_weeks");

/// (join month, month) → members of that cohort active in that month; (join month,
/// `i32::MIN`) holds the cohort's size. A month is its first local day.
pub const US_COHORTS: TableDefinition<(i32, i32), u64> = TableDefinition::new("us_cohorts");

// ----- imports (schema version 13) ---------------------------------------------------------------

/// import id → `import::Import` (what a file held, and what applying it created).
pub const IM_IMPORTS: TableDefinition<u128, &[u8]> = TableDefinition::new("im_imports");

/// (user_id, import id) → () — a member's imports.
pub const IM_USER_IMPORTS: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("im_user_imports");

/// (user_id, exercise name as the other app wrote it, normalised) → exercise id — the
/// member's choices, reused by the next import.
pub const IM_MAPPINGS: TableDefinition<(u128, &str), &str> = TableDefinition::new("im_mappings");

/// (user_id, fingerprint of an imported workout) → workout id — so importing the same file
/// again creates nothing new.
pub const IM_FINGERPRINTS: TableDefinition<(u128, u64), u128> =
    TableDefinition::new("im_fingerprints");

// ----- calendar feeds (schema version 13) -----------------------------------------------------

/// SHA-256 of a calendar feed's secret → user_id.
pub const CAL_FEEDS: TableDefinition<&[u8; 32], u128> = TableDefinition::new("cal_feeds");

/// user_id → (SHA-256 of their feed's secret, created at) — one feed per member.
pub const CAL_USER_FEED: TableDefinition<u128, (&[u8; 32], i64)> =
    TableDefinition::new("cal_user_feed");

// ----- tracks (schema version 14) -------------------------------------------------------------

/// workout_id → the workout's route in `tracks::Track::pack`'s compact binary form (not a
/// codec record: a long ride has tens of thousands of points).
pub const TR_TRACKS: TableDefinition<u128, &[u8]> = TableDefinition::new("tr_tracks");

/// (user_id, workout_id) → () — a member's tracks (export, account deletion).
pub const TR_USER_TRACKS: TableDefinition<(u128, u128), ()> =
    TableDefinition::new("tr_user_tracks");

/// Calls `$m!(TABLE)` for every table of the database, in the order above: for code that must
/// treat every table alike (backups). A test checks a new database has no table this list
/// misses.
#[macro_export]
macro_rules! for_each_table {
    ($m:ident) => {
        $m!(META);
        $m!(SETTINGS);
        $m!(USERS);
        $m!(USERNAME_TO_USER);
        $m!(EMAIL_TO_USER);
        $m!(SESSIONS);
        $m!(TOKEN_HASH_TO_SESSION);
        $m!(USER_TO_SESSIONS);
        $m!(INVITES);
        $m!(AVATARS);
        $m!(PASSWORD_RESETS);
        $m!(EXERCISES);
        $m!(USER_TO_EXERCISES);
        $m!(GYM_EXERCISES);
        $m!(PLANS);
        $m!(USER_TO_PLANS);
        $m!(SHARED_PLANS);
        $m!(ASSIGNMENTS);
        $m!(MEMBER_TO_ASSIGNMENTS);
        $m!(PLAN_TO_ASSIGNMENTS);
        $m!(COACH_TO_ASSIGNMENTS);
        $m!(WORKOUTS);
        $m!(USER_TO_WORKOUTS);
        $m!(WORKOUT_SETS);
        $m!(USER_EXERCISE_SESSIONS);
        $m!(BODY_METRICS);
        $m!(USER_BODY_METRICS);
        $m!(IDEMPOTENCY);
        $m!(COACHING);
        $m!(COACHING_PAIRS);
        $m!(COACH_TO_COACHING);
        $m!(MEMBER_TO_COACHING);
        $m!(IDEMPOTENCY_BODY);
        $m!(OUTBOX);
        $m!(AN_RECORD_LOG);
        $m!(AN_RECENT_RECORDS);
        $m!(AN_RECORDS);
        $m!(AN_FACTS);
        $m!(SO_FOLLOWS);
        $m!(SO_FOLLOWERS);
        $m!(SO_FOLLOW_IDS);
        $m!(SO_FOLLOW_COUNTS);
        $m!(SO_BLOCKS);
        $m!(SO_BLOCKED_BY);
        $m!(SO_ACTIVITY);
        $m!(SO_ACTIVITY_BY);
        $m!(SO_ACTIVITY_OF);
        $m!(SO_KUDOS);
        $m!(SO_KUDOS_BY);
        $m!(SO_COMMENTS);
        $m!(SO_COMMENTS_OF);
        $m!(SO_COMMENTS_BY);
        $m!(SO_COMMENT_AUTHORS);
        $m!(SO_COUNTS);
        $m!(SO_SUBJECTS_OF);
        $m!(SO_NOTIFICATIONS);
        $m!(SO_NOTIFICATION_COUNTS);
        $m!(SO_CLUBS);
        $m!(SO_CLUB_MEMBERS);
        $m!(SO_USER_CLUBS);
        $m!(MO_REPORTS);
        $m!(MO_OPEN);
        $m!(MO_RESOLVED);
        $m!(MO_TARGET_REPORTS);
        $m!(MO_AUDIT);
        $m!(GA_STANDING);
        $m!(GA_XP);
        $m!(GA_XP_DAYS);
        $m!(GA_WEEKS);
        $m!(GA_DAYS);
        $m!(GA_BADGES);
        $m!(GA_AWARDS);
        $m!(GA_USER_AWARDS);
        $m!(GA_E1RM);
        $m!(GA_FLAGS);
        $m!(GA_SCORES);
        $m!(GA_BOARDS);
        $m!(GA_RANK_BUCKETS);
        $m!(GA_USER_BOARDS);
        $m!(GA_CHALLENGES);
        $m!(GA_OPEN_CHALLENGES);
        $m!(GA_USER_CHALLENGES);
        $m!(FB_ITEMS);
        $m!(FB_BY_STATUS);
        $m!(FB_BY_AUTHOR);
        $m!(US_COUNTS);
        $m!(US_SEEN);
        $m!(US_WEEKS);
        $m!(US_COHORTS);
        $m!(IM_IMPORTS);
        $m!(IM_USER_IMPORTS);
        $m!(IM_MAPPINGS);
        $m!(IM_FINGERPRINTS);
        $m!(CAL_FEEDS);
        $m!(CAL_USER_FEED);
        $m!(TR_TRACKS);
        $m!(TR_USER_TRACKS);
    };
}
