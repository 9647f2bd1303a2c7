//! CSV for spreadsheets: a UTF-8 BOM, every text field quoted, each cell defused.

use super::{EXPORT_COLUMNS, ExportError, row};
use crate::data::dataset::DataSet;
use crate::data::filter::Filters;

/// UTF-8 byte order mark: Excel only reads a CSV file as UTF-8 when it starts with one.
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(super) fn csv_bytes(
    data: &DataSet,
    indices: &[usize],
    filters: &Filters,
) -> Result<Vec<u8>, ExportError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        // Every text field quoted, as OWASP advises: a spreadsheet that splits lines on `;` keeps
        // the `;` of a quoted field inside it. Numbers are left bare so that they stay numbers.
        .quote_style(csv::QuoteStyle::NonNumeric)
        .from_writer(BOM.to_vec());
    writer.write_record(EXPORT_COLUMNS)?;
    for &i in indices {
        let cells = row(data, &data.stations()[i], filters);
        writer.write_record(cells.iter().map(|(_, cell)| cell.csv_text()))?;
    }
    writer
        .into_inner()
        .map_err(|err| ExportError::Csv(err.into_error().into()))
}
