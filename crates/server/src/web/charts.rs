//! Charts as SVG made on the server: readable at a glance on a phone, accessible (a title, a
//! description and a data table for screen readers; lines and bars labelled, not told apart
//! by colour alone).
