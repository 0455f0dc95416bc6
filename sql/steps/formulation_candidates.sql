-- Quoted strings the corpus repeats that the lexicon does not know: candidates a user may promote into
-- lexicon/formulas.txt. A canonical form is known when some occurrence of it was a lexicon hit.
WITH known AS (SELECT DISTINCT canonical FROM formulations WHERE kind = 'lexicon'),
quoted AS (
    SELECT f.canonical, f.doc_id, d.published_at, d.meeting_id, m.meeting_date
    FROM formulations f
    JOIN documents d USING (doc_id)
    LEFT JOIN meetings m ON m.meeting_id = d.meeting_id
    WHERE f.kind IN ('quoted', 'numbered') AND d.doc_id = d.canonical_id
      AND f.canonical NOT IN (SELECT canonical FROM known)
)
SELECT canonical AS candidate,
       count(DISTINCT doc_id) AS documents,
       count(DISTINCT meeting_id) AS meetings,
       min(published_at) AS first_seen,
       max(published_at) AS last_seen,
       min(meeting_date) AS first_meeting,
       max(meeting_date) AS last_meeting
FROM quoted
GROUP BY canonical
HAVING count(DISTINCT doc_id) >= 3
ORDER BY documents DESC, candidate
