// The guides' settings: the province file under the environment, nothing unverified, clear errors.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { guideTextVars, parseGuideSettings } from '../../src/guides/settings.js';

describe('guide settings', () => {
  it('reads the shipped province file: Vĩnh Long, no unverified value, the verified carrier lines', () => {
    const settings = parseGuideSettings({});
    expect(settings).toMatchObject({ provinceName: 'Tỉnh Vĩnh Long', helpCentre: {} });
    expect(settings.portalHotline).toBeUndefined();
    expect(guideTextVars(settings)).toEqual({
      portalHotline: '',
      carrierHotlines: 'Vinaphone 18001091, Viettel 18008098, MobiFone 9090',
      vneidAndroidUrl: 'https://play.google.com/store/apps/details?id=com.vnid',
      vneidIosUrl: '',
    });
  });

  it('lets the environment override the file, an empty value unsetting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'province-'));
    const file = join(dir, 'province.yaml');
    writeFileSync(file, 'province_name: Tỉnh Thử\nhelp_centre:\n  name: Trung tâm A\n  address: Số 1\nhelp_units_under: VL\n');
    const settings = parseGuideSettings({ PROVINCE_FILE: file, PROVINCE_HELP_CENTRE_ADDRESS: 'Số 2', HELP_UNITS_UNDER: '' });
    expect(settings).toMatchObject({ provinceName: 'Tỉnh Thử', helpCentre: { name: 'Trung tâm A', address: 'Số 2' } });
    expect(settings).not.toHaveProperty('helpUnitsUnder');
    rmSync(dir, { recursive: true });
  });

  it('names the file and the entry to fix, or a file that is not there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'province-'));
    const file = join(dir, 'province.yaml');
    writeFileSync(file, 'help_center:\n  name: typo\nportal_hotline: call us\n');
    expect(() => parseGuideSettings({ PROVINCE_FILE: file })).toThrow(
      /province\.yaml: \(top level\): Unrecognized key: "help_center"/,
    );
    writeFileSync(file, 'portal_hotline: call us\n');
    expect(() => parseGuideSettings({ PROVINCE_FILE: file })).toThrow(/PORTAL_HOTLINE: expected a phone number/);
    expect(() => parseGuideSettings({ PROVINCE_FILE: join(dir, 'none.yaml') })).toThrow(
      /PROVINCE_FILE: .*none\.yaml does not exist/,
    );
    rmSync(dir, { recursive: true });
  });

  it('keeps no literal of a province in the code', () => {
    const files = readdirSync(projectPath('src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const offenders = files.filter((f) =>
      /Bến Tre|Ben Tre|Đồng Khởi/.test(readFileSync(join(projectPath('src'), f), 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')),
    );
    expect(offenders).toEqual([]);
  });

  it('reads what the province sets', () => {
    const settings = parseGuideSettings({
      PORTAL_HOTLINE: '1800 1096',
      CARRIER_HOTLINES: 'Viettel: 18008098; MobiFone 9090',
      PROVINCE_HELP_CENTRE: 'Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long',
      PROVINCE_HELP_CENTRE_ADDRESS: 'Địa chỉ do tỉnh cung cấp',
      DEFAULT_OFFICE_HOURS: 'Thứ Hai – thứ Sáu',
      HELP_UNITS_UNDER: 'vl',
    });
    expect(settings).toMatchObject({
      portalHotline: '1800 1096',
      carrierHotlines: [
        { name: 'Viettel', number: '18008098' },
        { name: 'MobiFone', number: '9090' },
      ],
      defaultOfficeHours: 'Thứ Hai – thứ Sáu',
      helpUnitsUnder: 'VL',
    });
  });

  it('treats an empty value as unset', () => {
    expect(parseGuideSettings({ PORTAL_HOTLINE: '  ', DEFAULT_OFFICE_HOURS: '' })).not.toHaveProperty('portalHotline');
  });

  it('names each wrong variable and what it expects', () => {
    expect(() => parseGuideSettings({ PORTAL_HOTLINE: 'call us', CARRIER_HOTLINES: 'Viettel' })).toThrow(
      /PORTAL_HOTLINE: expected a phone number[\s\S]*CARRIER_HOTLINES: expected "Network number; Network number"/,
    );
    expect(() => parseGuideSettings({ VNEID_IOS_URL: 'apps.apple.com' })).toThrow(/VNEID_IOS_URL: expected an https:\/\/ URL/);
  });
});
