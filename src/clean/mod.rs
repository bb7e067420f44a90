//! Cleaning passes: line-end joins and OCR error repair (issue 3).
