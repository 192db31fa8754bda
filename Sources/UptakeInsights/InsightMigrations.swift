import GRDB
import UptakeCore

/// The versioned schema of the insight bank. Never edit a migration that has shipped: add one.
///
/// - `v1-tables`: methods, codes, insights and the insight–code links (foreign keys, cascades).
/// - `v2-fulltext`: an FTS5 index over text, place, partner and source, kept in step by triggers
///   and built from the rows a v1 file already holds.
/// - `v3-counts`: counts by code x partner and code x month (split by the sensitive flag), kept in
///   step by triggers, so the matrix reads a few thousand rows instead of joining every link.
/// - `v4-sort-key`: an index on (id, gathered, sensitive), so a search finds the sort key of every
///   match in a small covering index instead of reading each matching insight's row.
public enum InsightMigrations {
    /// Migration identifiers, oldest first.
    public static let identifiers = ["v1-tables", "v2-fulltext", "v3-counts", "v4-sort-key"]
    /// What a read-only opening needs: every migration that changes what is read (v4 adds only an index).
    public static let readableWith: Set<String> = ["v1-tables", "v2-fulltext", "v3-counts"]

    /// The migrator (GRDB's): applies what a file lacks, each in its own transaction.
    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-tables") { db in
            try db.execute(sql: """
                CREATE TABLE method (
                    name TEXT PRIMARY KEY NOT NULL,
                    position INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE code (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    description TEXT NOT NULL DEFAULT '',
                    origin TEXT NOT NULL DEFAULT 'team'
                );
                CREATE TABLE insight (
                    id INTEGER PRIMARY KEY,
                    text TEXT NOT NULL,
                    gathered TEXT NOT NULL,
                    method TEXT NOT NULL REFERENCES method(name) ON UPDATE CASCADE,
                    place TEXT,
                    partner TEXT,
                    recordedBy TEXT,
                    source TEXT,
                    sensitive INTEGER NOT NULL DEFAULT 0,
                    createdAt TEXT NOT NULL,
                    updatedAt TEXT NOT NULL
                );
                CREATE INDEX insight_gathered ON insight(gathered, id);
                CREATE INDEX insight_partner ON insight(partner COLLATE NOCASE);
                CREATE TABLE insightCode (
                    insightId INTEGER NOT NULL REFERENCES insight(id) ON DELETE CASCADE,
                    codeId INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,
                    PRIMARY KEY (insightId, codeId)
                ) WITHOUT ROWID;
                CREATE INDEX insightCode_code ON insightCode(codeId, insightId);
                """)
            for (i, name) in Insight.standardMethods.enumerated() {
                try db.execute(sql: "INSERT INTO method (name, position) VALUES (?, ?)", arguments: [name, i + 1])
            }
        }
        m.registerMigration("v2-fulltext") { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE insightFts USING fts5(
                    text, place, partner, source,
                    content='insight', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER insight_ai AFTER INSERT ON insight BEGIN
                    INSERT INTO insightFts(rowid, text, place, partner, source) VALUES (new.id, new.text, new.place, new.partner, new.source);
                END;
                CREATE TRIGGER insight_ad AFTER DELETE ON insight BEGIN
                    INSERT INTO insightFts(insightFts, rowid, text, place, partner, source) VALUES ('delete', old.id, old.text, old.place, old.partner, old.source);
                END;
                CREATE TRIGGER insight_au AFTER UPDATE OF text, place, partner, source ON insight BEGIN
                    INSERT INTO insightFts(insightFts, rowid, text, place, partner, source) VALUES ('delete', old.id, old.text, old.place, old.partner, old.source);
                    INSERT INTO insightFts(rowid, text, place, partner, source) VALUES (new.id, new.text, new.place, new.partner, new.source);
                END;
                INSERT INTO insightFts(insightFts) VALUES ('rebuild');
                """)
        }
        m.registerMigration("v3-counts") { db in
            // partner '' stands for none, month '' for no date.
            try db.execute(sql: """
                CREATE TABLE codePartnerCount (
                    codeId INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,
                    partner TEXT NOT NULL, sensitive INTEGER NOT NULL, n INTEGER NOT NULL,
                    PRIMARY KEY (codeId, partner, sensitive)
                ) WITHOUT ROWID;
                CREATE TABLE codeMonthCount (
                    codeId INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,
                    month TEXT NOT NULL, sensitive INTEGER NOT NULL, n INTEGER NOT NULL,
                    PRIMARY KEY (codeId, month, sensitive)
                ) WITHOUT ROWID;
                CREATE TRIGGER insightCode_count_ai AFTER INSERT ON insightCode BEGIN
                    INSERT INTO codePartnerCount (codeId, partner, sensitive, n)
                        SELECT new.codeId, coalesce(i.partner, ''), i.sensitive, 1 FROM insight i WHERE i.id = new.insightId
                        ON CONFLICT (codeId, partner, sensitive) DO UPDATE SET n = n + 1;
                    INSERT INTO codeMonthCount (codeId, month, sensitive, n)
                        SELECT new.codeId, substr(i.gathered, 1, 7), i.sensitive, 1 FROM insight i WHERE i.id = new.insightId
                        ON CONFLICT (codeId, month, sensitive) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER insightCode_count_ad AFTER DELETE ON insightCode BEGIN
                    UPDATE codePartnerCount SET n = n - 1 WHERE codeId = old.codeId
                        AND (partner, sensitive) = (SELECT coalesce(partner, ''), sensitive FROM insight WHERE id = old.insightId);
                    UPDATE codeMonthCount SET n = n - 1 WHERE codeId = old.codeId
                        AND (month, sensitive) = (SELECT substr(gathered, 1, 7), sensitive FROM insight WHERE id = old.insightId);
                END;
                CREATE TRIGGER insight_count_au AFTER UPDATE OF partner, gathered, sensitive ON insight BEGIN
                    UPDATE codePartnerCount SET n = n - 1
                        WHERE partner = coalesce(old.partner, '') AND sensitive = old.sensitive
                        AND codeId IN (SELECT codeId FROM insightCode WHERE insightId = new.id);
                    INSERT INTO codePartnerCount (codeId, partner, sensitive, n)
                        SELECT codeId, coalesce(new.partner, ''), new.sensitive, 1 FROM insightCode WHERE insightId = new.id
                        ON CONFLICT (codeId, partner, sensitive) DO UPDATE SET n = n + 1;
                    UPDATE codeMonthCount SET n = n - 1
                        WHERE month = substr(old.gathered, 1, 7) AND sensitive = old.sensitive
                        AND codeId IN (SELECT codeId FROM insightCode WHERE insightId = new.id);
                    INSERT INTO codeMonthCount (codeId, month, sensitive, n)
                        SELECT codeId, substr(new.gathered, 1, 7), new.sensitive, 1 FROM insightCode WHERE insightId = new.id
                        ON CONFLICT (codeId, month, sensitive) DO UPDATE SET n = n + 1;
                END;
                INSERT INTO codePartnerCount (codeId, partner, sensitive, n)
                    SELECT ic.codeId, coalesce(i.partner, ''), i.sensitive, count(*)
                    FROM insightCode ic JOIN insight i ON i.id = ic.insightId GROUP BY 1, 2, 3;
                INSERT INTO codeMonthCount (codeId, month, sensitive, n)
                    SELECT ic.codeId, substr(i.gathered, 1, 7), i.sensitive, count(*)
                    FROM insightCode ic JOIN insight i ON i.id = ic.insightId GROUP BY 1, 2, 3;
                """)
        }
        m.registerMigration("v4-sort-key") { db in
            // A search joins every full-text match to its date to sort them: through this index that reads a
            // B-tree of about 24 bytes an insight instead of each insight's whole row (docs/PERFORMANCE.md).
            try db.execute(sql: "CREATE INDEX insight_key ON insight(id, gathered, sensitive)")
        }
        return m
    }
}
