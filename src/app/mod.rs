//! The browser app (issue 3).
