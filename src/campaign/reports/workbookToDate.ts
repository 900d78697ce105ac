// The line under the table that says how the campaign stands since it began: the same
// system figures as /tiendo and /tonghop (campaignToDate), written as a sentence so no
// number below the total row can be summed into a clerk's column by mistake.
import type ExcelJS from 'exceljs';
import type { Translator } from '../../i18n/index.js';
import type { Targets } from '../definition/schema.js';
import { fractionOf, RATE_NAMES } from '../kpi.js';
import type { CampaignToDate } from '../progress/campaignToDate.js';
import { meetsTarget } from './workbook.js';

export function writeCampaignToDate(
  sheet: ExcelJS.Worksheet,
  tr: Translator,
  row: number,
  columns: [number, number],
  toDate: CampaignToDate,
  targets: Targets,
): void {
  const text = toDate.dataUntil
    ? tr.t('reports:export.toDate', {
        until: tr.fmt.day(toDate.dataUntil),
        rates: RATE_NAMES.map((name) => {
          const rate = fractionOf(toDate.total, name).rate;
          const met = meetsTarget(rate, targets[name]);
          return tr.t('reports:export.toDateRate', {
            name: tr.t(`campaign:rates.${name}`).toLocaleLowerCase(tr.locale === 'vi' ? 'vi' : 'en'),
            rate: rate === undefined ? tr.t('reports:export.noRate') : tr.fmt.percent(rate),
            target: tr.fmt.percent(targets[name]),
            verdict:
              met === undefined ? tr.t('reports:export.noRate') : tr.t(met ? 'reports:export.met' : 'reports:export.notMet'),
          });
        }).join('; '),
      })
    : tr.t('reports:export.toDateNoData');
  sheet.mergeCells(row, columns[0], row, columns[1]);
  const cell = sheet.getCell(row, columns[0]);
  cell.value = text;
  cell.font = { name: 'Times New Roman', size: 11, bold: true };
  cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  sheet.getRow(row).height = 30;
}
