// The guides' settings from the environment: safe defaults from the brief, clear errors.
import { describe, expect, it } from 'vitest';
import { guideTextVars, parseGuideSettings } from '../../src/guides/settings.js';

describe('guide settings', () => {
  it('defaults to the brief: no portal hotline, the verified carrier lines, the Bến Tre centre', () => {
    const settings = parseGuideSettings({});
    expect(settings.portalHotline).toBeUndefined();
    expect(guideTextVars(settings)).toEqual({
      portalHotline: '',
      carrierHotlines: 'Vinaphone 18001091, Viettel 18008098, MobiFone 9090',
      helpCentreName: 'Trung tâm Phục vụ hành chính công tỉnh Bến Tre',
      helpCentreAddress: 'Số 3 Đại lộ Đồng Khởi, TP Bến Tre',
      vneidAndroidUrl: 'https://play.google.com/store/apps/details?id=com.vnid',
      vneidIosUrl: '',
    });
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
