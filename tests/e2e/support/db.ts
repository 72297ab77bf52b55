import Database from "better-sqlite3";

/** The e2e server's SQLite file, opened read-only (the server keeps writing to it). */
export function openE2eDatabase(): Database.Database {
  const file = process.env.E2E_DATABASE_FILE;
  if (!file) throw new Error("E2E_DATABASE_FILE is not set: run the tests with `npx playwright test`");
  return new Database(file, { readonly: true, fileMustExist: true });
}

export interface StoredAnswer {
  response_id: number;
  key: string;
  type: string;
  value: string;
}

/** Every response of a campaign holding an answer with exactly this value, with its submitted time. */
export function responsesWithAnswer(db: Database.Database, slug: string, value: string): { id: number; submitted_at: string | null }[] {
  return db
    .prepare(
      `SELECT DISTINCT r.id, r.submitted_at
         FROM responses r
         JOIN campaigns c ON c.id = r.campaign_id
         JOIN answers a ON a.response_id = r.id
        WHERE c.slug = ? AND a.value = ?
        ORDER BY r.id`,
    )
    .all(slug, value) as { id: number; submitted_at: string | null }[];
}

/** The stored answers of one response, with their question keys and types. */
export function answersOf(db: Database.Database, responseId: number): StoredAnswer[] {
  return db
    .prepare(
      `SELECT a.response_id, q.key, q.type, a.value
         FROM answers a JOIN questions q ON q.id = a.question_id
        WHERE a.response_id = ?
        ORDER BY q.position, a.id`,
    )
    .all(responseId) as StoredAnswer[];
}

export interface StoredResponse {
  id: number;
  language: string;
  service_id: number | null;
  submitted_at: string | null;
}

/** The response saved under a resume token, if any. */
export function responseByToken(db: Database.Database, token: string): StoredResponse | undefined {
  return db.prepare(`SELECT id, language, service_id, submitted_at FROM responses WHERE resume_token = ?`).get(token) as
    | StoredResponse
    | undefined;
}
