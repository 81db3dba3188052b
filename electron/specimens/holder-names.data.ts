// Holder names as printed in the VIZ (with diacritics, hyphens, apostrophes and spaces). The MRZ
// form is derived from these by transliteration (see name-field.ts). Some are deliberately long so
// that the name field has to be truncated (ICAO 9303 Part 3 §4.6).

export const SURNAMES: readonly string[] = [
  'MÜLLER', 'SCHMIDT', 'DUPONT', 'LEFÈVRE', 'SMITH', "O'CONNOR", 'VAN DER BERG', 'DE JONG', 'ROSSI', 'BIANCHI',
  'GARCÍA LÓPEZ', 'FERNÁNDEZ', 'DA SILVA SANTOS', 'KOWALSKI', 'NOWAK', 'NOVÁK', 'ANDERSSON', 'NIELSEN', 'HANSEN',
  'KORHONEN', 'MURPHY', 'PAPADOPOULOS', 'NAGY', 'POPESCU', 'HORVAT', 'KAZLAUSKAS', 'TAMM', 'SHEVCHENKO', 'PETROVIĆ',
  'YILMAZ', 'JOHNSON', 'TREMBLAY', 'HERNÁNDEZ', 'OLIVEIRA', 'GONZÁLEZ', 'WILLIAMS', 'TANAKA', 'KIM', 'WANG', 'LI',
  'SHARMA', 'KHAN', 'SANTOS', 'NGUYEN', 'SOMCHAI', 'EL AMRANI', 'BEN ALI', 'HASSAN', 'OKAFOR', 'MENSAH', 'KAMAU',
  'NKOSI', 'COHEN', 'HADDAD', 'BERIDZE', 'SCHWARZENEGGER-HOHENSTEIN', 'WOLFESCHLEGELSTEINHAUSEN',
  'MONTGOMERY-FITZWILLIAM', 'ÅSTRÖM', 'ØSTERGAARD', 'STRAßBURGER', 'ÇELIK', 'ŞAHIN',
];

export const GIVEN_NAMES_F: readonly string[] = [
  'ANNA', 'MARIA', 'SOPHIE', 'EMMA', 'LÉA', 'CHLOÉ', 'OLIVIA', 'AMELIA', 'GIULIA', 'LUCÍA', 'INÊS', 'ZOFIA', 'ELSA',
  'INGRID', 'AINO', 'SIOBHAN', 'ELENI', 'ZSÓFIA', 'IOANA', 'MILA', 'ODESSA', 'AYŞE', 'JENNIFER', 'ISABELLE',
  'YUKI', 'JI-WOO', 'MEI', 'PRIYA', 'FATIMA', 'LINH', 'NGOZI', 'AMA', 'WANJIRU', 'THANDI', 'NOA', 'NINO',
  'MARIE-CHRISTINE', 'ANNELIESE', 'KATHARINA', 'ALEXANDRA',
];

export const GIVEN_NAMES_M: readonly string[] = [
  'LUKAS', 'JONAS', 'PIERRE', 'LOUIS', 'OLIVER', 'JACK', 'MARCO', 'ALEJANDRO', 'JOÃO', 'JAKUB', 'TOMÁŠ', 'ERIK',
  'MIKKO', 'SEÁN', 'GIORGOS', 'BENCE', 'ANDREI', 'LUKA', 'MATAS', 'TARAS', 'NIKOLA', 'MEHMET', 'MICHAEL', 'ÉTIENNE',
  'HIROSHI', 'MIN-JUN', 'WEI', 'ARJUN', 'IMRAN', 'JOSÉ', 'MINH', 'YOUSSEF', 'CHUKWUEMEKA', 'KWAME', 'OTIENO',
  'SIPHO', 'DAVID', 'OMAR', 'GIORGI', 'MAXIMILIAN', 'CHRISTOPHER', 'KONSTANTINOS', 'JEAN-BAPTISTE',
];
