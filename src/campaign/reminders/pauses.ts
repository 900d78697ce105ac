// A person's pause of the reminders that are not essential: until a date, or until they
// turn reminders back on. Essential ones (after a deadline, escalations) always go. The
// pauses are kept by the store (store.reminderPauses).

export interface ReminderPause {
  pausedAt: Date;
  /** Undefined: until the person turns reminders back on. */
  until?: Date;
}

/** The pause if it is still in force at `at`. */
export function pauseInForce(pause: ReminderPause | undefined, at: Date): ReminderPause | undefined {
  return pause?.until && pause.until <= at ? undefined : pause;
}
