// The dashboard's addresses, in one place for routes, links and templates.
export const WEB_PATHS = {
  home: '/web',
  signIn: '/web/signin',
  signOut: '/web/signout',
  unit: (code: string) => `/web/unit/${encodeURIComponent(code)}`,
  board: (code: string) => `/web/reports/${encodeURIComponent(code)}`,
  remind: (code: string) => `/web/reports/${encodeURIComponent(code)}/remind`,
  downloads: (code: string) => `/web/downloads/${encodeURIComponent(code)}`,
  workbook: (code: string, period: string) => `/web/downloads/${encodeURIComponent(code)}/${encodeURIComponent(period)}.xlsx`,
  overview: (code: string) => `/web/overview/${encodeURIComponent(code)}`,
  static: '/web/static',
  public: '/public',
} as const;
