-- Meetings from their reports: one row per meeting_id, attributes from the fullest canonical report
-- (longest body); then documents and directives learn their meeting.
DELETE FROM meetings;
INSERT INTO meetings
WITH reports AS (
    SELECT r.*, d.n_chars, d.doc_id = d.canonical_id AS is_canonical
    FROM meeting_reports r JOIN documents d USING (doc_id)
    WHERE r.is_meeting AND r.meeting_id IS NOT NULL
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY meeting_id ORDER BY is_canonical DESC, n_chars DESC, doc_id) AS rk,
           count(*) OVER (PARTITION BY meeting_id) AS n_reports,
           -- a report that states the ordinal gives it to the meeting even if the fullest one does not
           max(session_no) OVER (PARTITION BY meeting_id) AS any_session
    FROM reports
)
SELECT meeting_id, doc_id, n_reports, meeting_date, organ, series, coalesce(session_no, any_session), chair, chair_title,
       level, province, city, upstream_meeting, meeting_name
FROM ranked WHERE rk = 1;

-- Only the rows whose values change are written (a day changes a few; all of them is 750,000 rows at
-- ten times xwlb).
UPDATE documents SET is_meeting = r.is_meeting, meeting_id = r.meeting_id
FROM meeting_reports r WHERE documents.doc_id = r.doc_id
  AND (documents.is_meeting IS DISTINCT FROM r.is_meeting OR documents.meeting_id IS DISTINCT FROM r.meeting_id);

-- Whole-programme compilations are not extracted and are not meeting reports.
UPDATE documents SET is_meeting = false, meeting_id = NULL
WHERE NOT is_report AND (is_meeting IS DISTINCT FROM false OR meeting_id IS NOT NULL);

-- People: one row per (meeting, person, role) across the meeting's reports.
DELETE FROM participants;
INSERT INTO participants
-- the longest title, ties broken by the title itself, so the row never depends on the order rows were written
SELECT r.meeting_id, p.name, first(p.title ORDER BY length(coalesce(p.title, '')) DESC, p.title NULLS LAST), p.role, count(DISTINCT p.doc_id)
FROM report_participants p JOIN meeting_reports r USING (doc_id)
WHERE r.meeting_id IS NOT NULL
GROUP BY r.meeting_id, p.name, p.role;
