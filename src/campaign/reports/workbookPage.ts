// How the compiled report prints and scrolls: A4 landscape, one page wide (as many pages
// down as it takes), the table's header rows repeated on every page, page numbers in the
// footer, and the header frozen on screen with the unit names beside it.
import type ExcelJS from 'exceljs';
import type { Translator } from '../../i18n/index.js';

export interface PageLayout {
  /** The table's header rows, repeated on every printed page. */
  headerTop: number;
  headerBottom: number;
  /** Columns kept in view when scrolling right (the unit's number, code and name). */
  frozenColumns: number;
}

/** A4 in the paper size codes of SpreadsheetML. */
const A4 = 9;

export function setUpPage(sheet: ExcelJS.Worksheet, tr: Translator, layout: PageLayout): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: A4,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    // Inches: a wider left margin for binding, as for any document filed on paper.
    margins: { left: 0.6, right: 0.4, top: 0.5, bottom: 0.6, header: 0.25, footer: 0.3 },
    printTitlesRow: `${layout.headerTop}:${layout.headerBottom}`,
  };
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: `&C&"Times New Roman,Italic"&9${tr.t('reports:export.page')}` };
  sheet.views = [
    {
      state: 'frozen',
      xSplit: layout.frozenColumns,
      ySplit: layout.headerBottom,
      topLeftCell: `${columnLetter(layout.frozenColumns + 1)}${layout.headerBottom + 1}`,
      activeCell: `A${layout.headerBottom + 1}`,
    },
  ];
}

function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
