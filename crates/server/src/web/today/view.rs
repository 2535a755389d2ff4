//! The day's views: the application layer's typed reading of her stored day
//! (`member::today_typed`), under the names this page uses.

pub(crate) use crate::app::member::{
    DayKind, DayView as Day, PelvicFloorDose, PrescriptionView as Prescription,
    SessionView as Session, TodayStatus, TodayView, WalkRunView as WalkRun,
    today_typed as load_view,
};
