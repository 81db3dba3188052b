// Migration 6: the images an examination's face comparison keeps (live or chip portraits, the
// eye-aligned crops of every portrait) get rows like its capture images, so "is this image file
// still referred to?" is an indexed lookup for the orphan sweep (and retention) instead of a parse
// of every examination's JSON. Rows are rewritten with the examination (saveExamination); existing
// examinations are filled in from their JSON here.
import type { Migration } from '../migration-runner';

export const migration0006: Migration = {
  version: 6,
  name: 'examination-portrait-images',
  sql: `
CREATE TABLE examination_portrait_images (
  examination_id TEXT NOT NULL REFERENCES examinations (id) ON DELETE CASCADE,
  -- sha256 of the image file (face.portraits[].sourceHash or .alignedHash in the examination).
  hash           TEXT NOT NULL CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
  PRIMARY KEY (examination_id, hash)
) STRICT;

CREATE INDEX examination_portrait_images_hash ON examination_portrait_images (hash);

WITH portraits AS (
  SELECT e.id AS examination_id, p.value AS portrait FROM examinations AS e, json_each(e.body, '$.face.portraits') AS p
), hashes AS (
  SELECT examination_id, json_extract(portrait, '$.sourceHash') AS hash FROM portraits
  UNION
  SELECT examination_id, json_extract(portrait, '$.alignedHash') AS hash FROM portraits
)
INSERT OR IGNORE INTO examination_portrait_images (examination_id, hash)
  SELECT examination_id, hash FROM hashes
  WHERE typeof(hash) = 'text' AND length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*';
`,
};
