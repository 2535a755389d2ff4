//! The pure domain's integration tests as one test binary: the rules table with their sources, the
//! property tests (screening, programme, parsers), the library, the importers, records and plans.

mod import;
mod import_layouts;
mod import_names;
mod library;
mod plan;
mod plan_properties;
mod plan_v2;
mod properties;
mod records;
mod rules;
