//! The write transaction every write runs in: redb's transaction, plus the tables that nearly
//! every logged set writes, kept open for the whole batch.
//!
//! Opening a redb table looks its definition up in the table tree, decodes it and compares
//! the stored key and value types with the expected ones; closing it stages its new root. A
//! logged set touches about twenty tables, so in a batch of dozens of writes opening and
//! closing them was a fifth of the writer thread's time. The *hot* tables below are opened
//! the first time a write of the batch asks for one and stay open until the batch's
//! transaction is done with.
//!
//! redb refuses to open a table that is already open, and a hot table is open as long as it
//! is in its cell. So writes never see redb's transaction: every open goes through [`Tx`],
//! whose [`Tx::open_table`] first takes a hot table of the same name out of its cell (closing
//! it). Code borrows a hot table through its accessor (`tx.hot().workouts()?`) for as long as
//! it would have held the table itself; asking for a table again while it is borrowed is an
//! error, as opening it twice always was — never a panic.

use std::cell::{RefCell, RefMut};

use redb::{Key, Table, TableDefinition, TableError, TableHandle, Value, WriteTransaction};

use super::schema;
use crate::error::AppError;

/// A write transaction with the hot tables of its batch.
pub struct Tx<'t> {
    hot: Hot<'t>,
}

/// The hot tables of a transaction (`tx.hot().workout_sets()?`).
pub struct Hot<'t> {
    raw: &'t WriteTransaction,
    cells: Cells<'t>,
}

impl<'t> Tx<'t> {
    /// Wraps `raw`. Every write of a transaction goes through one `Tx`: two over the same
    /// transaction would each keep their own hot tables open.
    pub fn new(raw: &'t WriteTransaction) -> Self {
        Self {
            hot: Hot {
                raw,
                cells: Cells::default(),
            },
        }
    }

    /// The tables kept open for the batch.
    pub fn hot(&self) -> &Hot<'t> {
        &self.hot
    }

    /// Opens a table for the caller alone (a hot table of that name is closed first).
    #[track_caller]
    pub fn open_table<K: Key + 'static, V: Value + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<Table<'t, K, V>, TableError> {
        self.hot.cells.release(def.name())?;
        self.hot.raw.open_table(def)
    }
}

impl<'t> Hot<'t> {
    /// The hot table in `cell`, opening it the first time.
    fn open<'a, K: Key + 'static, V: Value + 'static>(
        &self,
        cell: &'a RefCell<Option<Table<'t, K, V>>>,
        def: TableDefinition<K, V>,
    ) -> Result<RefMut<'a, Table<'t, K, V>>, AppError> {
        let twice = || AppError::Internal(format!("the table {} is open twice", def.name()));
        let mut slot = cell.try_borrow_mut().map_err(|_| twice())?;
        if slot.is_none() {
            *slot = Some(self.raw.open_table(def)?);
        }
        RefMut::filter_map(slot, Option::as_mut).map_err(|_| twice())
    }
}

/// Declares the hot tables: a cell and an accessor each in `Hot`.
macro_rules! hot_tables {
    ($( $(#[$doc:meta])* $field:ident: $def:path => ($k:ty, $v:ty), )*) => {
        #[derive(Default)]
        struct Cells<'t> {
            $( $field: RefCell<Option<Table<'t, $k, $v>>>, )*
        }

        impl Cells<'_> {
            /// Closes the hot table named `name`, if it is one and open.
            #[track_caller]
            fn release(&self, name: &str) -> Result<(), TableError> {
                $(
                    if name == $def.name() {
                        return Self::close(&self.$field, name);
                    }
                )*
                Ok(())
            }
        }

        impl<'t> Hot<'t> {
            $(
                $(#[$doc])*
                #[doc = concat!("The batch's open `", stringify!($field), "` table.")]
                pub fn $field(&self) -> Result<RefMut<'_, Table<'t, $k, $v>>, AppError> {
                    self.open(&self.cells.$field, $def)
                }
            )*
        }
    };
}

impl Cells<'_> {
    /// Closes the table in `cell`; refused while it is borrowed (it is open in a caller).
    #[track_caller]
    fn close<T>(cell: &RefCell<Option<T>>, name: &str) -> Result<(), TableError> {
        match cell.try_borrow_mut() {
            Ok(mut slot) => {
                slot.take();
                Ok(())
            }
            Err(_) => Err(TableError::TableAlreadyOpen(
                name.to_owned(),
                std::panic::Location::caller(),
            )),
        }
    }
}

// What a logged set writes: its workout, set rows and session rows; analysis's summaries and
// record log; gamification's standing, XP, day and week counters, best e1RMs, flags, scores,
// boards and challenges joined; the usage counters.
hot_tables! {
    workouts: schema::WORKOUTS => (u128, &'static [u8]),
    workout_sets: schema::WORKOUT_SETS => ((u128, u32), &'static [u8]),
    user_exercise_sessions: schema::USER_EXERCISE_SESSIONS => (schema::SessionKey, (i64, i64, u32)),
    an_records: schema::AN_RECORDS => ((u128, &'static str), &'static [u8]),
    an_record_log: schema::AN_RECORD_LOG => (schema::RecordLogKey, (u64, u64, u128)),
    an_recent_records: schema::AN_RECENT_RECORDS => ((u128, i64, u128, u8), &'static str),
    ga_standing: schema::GA_STANDING => (u128, &'static [u8]),
    ga_xp: schema::GA_XP => ((u128, u128), (i32, u32, i64)),
    ga_xp_days: schema::GA_XP_DAYS => ((u128, i32), u32),
    ga_weeks: schema::GA_WEEKS => ((u128, i32), u32),
    ga_days: schema::GA_DAYS => ((u128, i32), u32),
    ga_e1rm: schema::GA_E1RM => ((u128, &'static str), (f64, u128, u128, f64)),
    ga_flags: schema::GA_FLAGS => ((u128, u128), (u128, u8, i64)),
    ga_scores: schema::GA_SCORES => ((&'static str, u128), (u64, u64, i64)),
    ga_boards: schema::GA_BOARDS => ((&'static str, u64, i64, u128), ()),
    ga_rank_buckets: schema::GA_RANK_BUCKETS => ((&'static str, u32), u32),
    ga_user_boards: schema::GA_USER_BOARDS => ((u128, &'static str), ()),
    ga_user_challenges: schema::GA_USER_CHALLENGES => ((u128, u128), (i64, i64)),
    us_counts: schema::US_COUNTS => ((i32, u8), u64),
    us_seen: schema::US_SEEN => ((u128, u8, i32), ()),
}

/// Opens `$def` in a reader written once for both kinds of transaction: a read transaction
/// opens the table, a write transaction ([`Tx`]) lends its hot table `$hot` for as long as
/// the result lives.
macro_rules! hot_or_open {
    (read, $tx:expr, $def:expr, $hot:ident) => {
        $tx.open_table($def)?
    };
    (write, $tx:expr, $def:expr, $hot:ident) => {
        $tx.hot().$hot()?
    };
}
pub(crate) use hot_or_open;
