import type { Role } from "../../schema";

/** Every demo sign-in uses this password; `npm start` prints it. Never use it for real accounts. */
export const DEMO_PASSWORD = "said-and-done-demo";

export const DEMO_USERS: { email: string; name: string; role: Role; services: string[] }[] = [
  { email: "admin@demo.test", name: "Aisha Khan (programme team)", role: "admin", services: [] },
  { email: "pcf@demo.test", name: "Mary Collins (Parent Carer Forum)", role: "pcf", services: [] },
  { email: "board@demo.test", name: "David Osei (Improvement Board)", role: "board", services: [] },
  { email: "lead.senar-north@demo.test", name: "Priya Sharma (SENAR North lead)", role: "service_lead", services: ["senar-north"] },
  { email: "member.senar-north@demo.test", name: "Tom Baker (SENAR North)", role: "service_member", services: ["senar-north"] },
  { email: "member.slt@demo.test", name: "Fatima Hussain (Speech and Language Therapy)", role: "service_member", services: ["slt"] },
];
