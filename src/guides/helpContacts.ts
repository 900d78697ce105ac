// The in-person help contacts of each commune, as the province filled them in (kept by
// store.helpContacts).

export interface HelpContact {
  unitCode: string;
  deskName?: string;
  address?: string;
  phone?: string;
  officeHours?: string;
  teamContact?: string;
}

export interface HelpContactWriteSummary {
  added: number;
  updated: number;
}
