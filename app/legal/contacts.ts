/**
 * PLACEHOLDERS: the partnership puts its own addresses here before go-live (README
 * "Legal pages"). `.example` addresses can never reach anyone, so a page still showing
 * one is plainly unfinished rather than quietly wrong.
 */
export const LEGAL_CONTACTS = {
  /** The partnership's SEND team: other formats, accessibility problems. */
  sendTeamEmail: "send-feedback@council.example",
  /** The data controller's (the council's) data protection officer: rights requests, privacy complaints. */
  dataProtectionEmail: "data-protection@council.example",
} as const;

/** Public bodies the statements point to (their own published addresses). */
export const LEGAL_LINKS = {
  abilityNet: "https://mcmw.abilitynet.org.uk/",
  wcag: "https://www.w3.org/TR/WCAG22/",
  regulations: "https://www.legislation.gov.uk/uksi/2018/952/contents/made",
  eass: "https://www.equalityadvisoryservice.com/",
  icoComplaints: "https://ico.org.uk/make-a-complaint/",
} as const;

/** The ICO's helpline, as ico.org.uk publishes it. */
export const ICO_HELPLINE = "0303 123 1113";
