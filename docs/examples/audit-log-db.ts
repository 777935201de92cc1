// What the README's effect() fragment uses: its state and a database with an audit log.
import { Annotation } from "replaygraph";

const State = Annotation.Root({ userId: Annotation<string>(), approved: Annotation<boolean>(), auditId: Annotation<string>() });
const db = { createAuditLog: async ({ userId }: { userId: string }) => `audit-${userId}` };
