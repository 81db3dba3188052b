// Issuing states and nationalities, ICAO 9303 Part 3 §5: three-letter codes (ISO 3166-1 alpha-3,
// except Germany, whose code is the single letter D, written 'D<<' in the MRZ) plus the codes
// reserved for other issuing authorities. The full ISO list comes from the `mrz` package
// (mrz-states.ts looks codes up in both); this file holds what Loupe knows beyond it: the codes the
// package lacks, and for the states below how their documents print the state and the nationality
// in the VIZ (read by the VIZ ↔ MRZ check, printed by the specimen generator).
// 'XXX' (unspecified nationality) is not a row: it is never a state a document is drawn for.

/** Codes added on top of the `mrz` package list, with their meaning. */
export const EXTRA_STATE_CODES: Readonly<Record<string, string>> = {
  // The specimen state of every worked example of Parts 4–7, which the package does not list.
  UTO: 'Utopia (ICAO specimen)',
  UTS: 'Utopia (specimen, alternative code)',
  XDC: 'Southern African Development Community (SADC)',
};

/** Codes that only appear on specimens: a real document carrying them is suspicious. */
export const SPECIMEN_STATE_CODES: ReadonlySet<string> = new Set(['UTO', 'UTS']);

export interface IcaoState {
  code: string;
  /** State name as printed in the header. */
  name: string;
  /** Nationality as printed in the VIZ. */
  nationality: string;
  /** Towns the specimen generator uses for place of birth / issuing authority. */
  towns: readonly string[];
}

export const ICAO_STATES: readonly IcaoState[] = [
  { code: 'D', name: 'BUNDESREPUBLIK DEUTSCHLAND', nationality: 'DEUTSCH', towns: ['BERLIN', 'MÜNCHEN', 'KÖLN', 'HAMBURG', 'LEIPZIG'] },
  { code: 'FRA', name: 'RÉPUBLIQUE FRANÇAISE', nationality: 'FRANÇAISE', towns: ['PARIS', 'LYON', 'MARSEILLE', 'NANTES'] },
  { code: 'GBR', name: 'UNITED KINGDOM', nationality: 'BRITISH CITIZEN', towns: ['LONDON', 'LEEDS', 'GLASGOW', 'CARDIFF'] },
  { code: 'NLD', name: 'KONINKRIJK DER NEDERLANDEN', nationality: 'NEDERLANDSE', towns: ['AMSTERDAM', 'UTRECHT', 'ROTTERDAM'] },
  { code: 'BEL', name: 'BELGIQUE', nationality: 'BELGE', towns: ['BRUXELLES', 'GENT', 'LIÈGE'] },
  { code: 'ITA', name: 'REPUBBLICA ITALIANA', nationality: 'ITALIANA', towns: ['ROMA', 'MILANO', 'NAPOLI', 'TORINO'] },
  { code: 'ESP', name: 'REINO DE ESPAÑA', nationality: 'ESPAÑOLA', towns: ['MADRID', 'SEVILLA', 'VALENCIA', 'BILBAO'] },
  { code: 'PRT', name: 'REPÚBLICA PORTUGUESA', nationality: 'PORTUGUESA', towns: ['LISBOA', 'PORTO', 'COIMBRA'] },
  { code: 'AUT', name: 'REPUBLIK ÖSTERREICH', nationality: 'ÖSTERREICH', towns: ['WIEN', 'GRAZ', 'LINZ'] },
  { code: 'CHE', name: 'SCHWEIZ SUISSE SVIZZERA', nationality: 'SCHWEIZ', towns: ['BERN', 'ZÜRICH', 'GENÈVE'] },
  { code: 'POL', name: 'RZECZPOSPOLITA POLSKA', nationality: 'POLSKIE', towns: ['WARSZAWA', 'KRAKÓW', 'GDAŃSK'] },
  { code: 'CZE', name: 'ČESKÁ REPUBLIKA', nationality: 'ČESKÁ REPUBLIKA', towns: ['PRAHA', 'BRNO'] },
  { code: 'SWE', name: 'SVERIGE', nationality: 'SVENSK', towns: ['STOCKHOLM', 'GÖTEBORG', 'MALMÖ'] },
  { code: 'NOR', name: 'NORGE', nationality: 'NORSK', towns: ['OSLO', 'BERGEN', 'TROMSØ'] },
  { code: 'DNK', name: 'DANMARK', nationality: 'DANSK', towns: ['KØBENHAVN', 'AARHUS'] },
  { code: 'FIN', name: 'SUOMI FINLAND', nationality: 'SUOMI', towns: ['HELSINKI', 'TAMPERE', 'OULU'] },
  { code: 'IRL', name: 'ÉIRE IRELAND', nationality: 'IRISH', towns: ['DUBLIN', 'CORK', 'GALWAY'] },
  { code: 'GRC', name: 'HELLENIC REPUBLIC', nationality: 'HELLENIC', towns: ['ATHINA', 'THESSALONIKI'] },
  { code: 'HUN', name: 'MAGYARORSZÁG', nationality: 'MAGYAR', towns: ['BUDAPEST', 'DEBRECEN'] },
  { code: 'ROU', name: 'ROMÂNIA', nationality: 'ROMÂNĂ', towns: ['BUCUREȘTI', 'CLUJ-NAPOCA', 'IAȘI'] },
  { code: 'HRV', name: 'REPUBLIKA HRVATSKA', nationality: 'HRVATSKO', towns: ['ZAGREB', 'SPLIT'] },
  { code: 'LTU', name: 'LIETUVOS RESPUBLIKA', nationality: 'LIETUVOS', towns: ['VILNIUS', 'KAUNAS'] },
  { code: 'EST', name: 'EESTI VABARIIK', nationality: 'EESTI', towns: ['TALLINN', 'TARTU'] },
  { code: 'UKR', name: 'UKRAINE', nationality: 'UKRAINE', towns: ['KYIV', 'LVIV', 'ODESA'] },
  { code: 'SRB', name: 'REPUBLIC OF SERBIA', nationality: 'SERBIAN', towns: ['BEOGRAD', 'NOVI SAD'] },
  { code: 'TUR', name: 'TÜRKİYE CUMHURİYETİ', nationality: 'T.C.', towns: ['ANKARA', 'İSTANBUL', 'İZMİR'] },
  { code: 'USA', name: 'UNITED STATES OF AMERICA', nationality: 'UNITED STATES OF AMERICA', towns: ['NEW YORK', 'CHICAGO', 'DENVER'] },
  { code: 'CAN', name: 'CANADA', nationality: 'CANADIAN', towns: ['TORONTO', 'MONTRÉAL', 'VANCOUVER'] },
  { code: 'MEX', name: 'ESTADOS UNIDOS MEXICANOS', nationality: 'MEXICANA', towns: ['MONTERREY', 'PUEBLA'] },
  { code: 'BRA', name: 'REPÚBLICA FEDERATIVA DO BRASIL', nationality: 'BRASILEIRO', towns: ['SÃO PAULO', 'RECIFE'] },
  { code: 'ARG', name: 'REPÚBLICA ARGENTINA', nationality: 'ARGENTINA', towns: ['BUENOS AIRES', 'CÓRDOBA'] },
  { code: 'COL', name: 'REPÚBLICA DE COLOMBIA', nationality: 'COLOMBIANA', towns: ['BOGOTÁ', 'MEDELLÍN'] },
  { code: 'AUS', name: 'AUSTRALIA', nationality: 'AUSTRALIAN', towns: ['SYDNEY', 'PERTH', 'HOBART'] },
  { code: 'NZL', name: 'NEW ZEALAND', nationality: 'NEW ZEALAND', towns: ['AUCKLAND', 'DUNEDIN'] },
  { code: 'JPN', name: 'JAPAN', nationality: 'JAPAN', towns: ['TOKYO', 'OSAKA', 'SAPPORO'] },
  { code: 'KOR', name: 'REPUBLIC OF KOREA', nationality: 'REPUBLIC OF KOREA', towns: ['SEOUL', 'BUSAN'] },
  { code: 'CHN', name: "PEOPLE'S REPUBLIC OF CHINA", nationality: 'CHINESE', towns: ['BEIJING', 'SHANGHAI', 'WUHAN'] },
  { code: 'IND', name: 'REPUBLIC OF INDIA', nationality: 'INDIAN', towns: ['MUMBAI', 'CHENNAI', 'PUNE'] },
  { code: 'PAK', name: 'ISLAMIC REPUBLIC OF PAKISTAN', nationality: 'PAKISTANI', towns: ['LAHORE', 'KARACHI'] },
  { code: 'PHL', name: 'REPUBLIC OF THE PHILIPPINES', nationality: 'FILIPINO', towns: ['MANILA', 'CEBU'] },
  { code: 'VNM', name: 'VIET NAM', nationality: 'VIETNAMESE', towns: ['HA NOI', 'HUE'] },
  { code: 'THA', name: 'THAILAND', nationality: 'THAI', towns: ['BANGKOK', 'CHIANG MAI'] },
  { code: 'MAR', name: 'ROYAUME DU MAROC', nationality: 'MAROCAINE', towns: ['RABAT', 'FÈS', 'TANGER'] },
  { code: 'TUN', name: 'RÉPUBLIQUE TUNISIENNE', nationality: 'TUNISIENNE', towns: ['TUNIS', 'SFAX'] },
  { code: 'EGY', name: 'ARAB REPUBLIC OF EGYPT', nationality: 'EGYPTIAN', towns: ['CAIRO', 'ALEXANDRIA'] },
  { code: 'NGA', name: 'FEDERAL REPUBLIC OF NIGERIA', nationality: 'NIGERIAN', towns: ['LAGOS', 'ABUJA', 'KANO'] },
  { code: 'GHA', name: 'REPUBLIC OF GHANA', nationality: 'GHANAIAN', towns: ['ACCRA', 'KUMASI'] },
  { code: 'KEN', name: 'REPUBLIC OF KENYA', nationality: 'KENYAN', towns: ['NAIROBI', 'MOMBASA'] },
  { code: 'ZAF', name: 'REPUBLIC OF SOUTH AFRICA', nationality: 'SOUTH AFRICAN', towns: ['DURBAN', 'PRETORIA'] },
  { code: 'ISR', name: 'STATE OF ISRAEL', nationality: 'ISRAELI', towns: ['HAIFA', 'JERUSALEM'] },
  { code: 'JOR', name: 'HASHEMITE KINGDOM OF JORDAN', nationality: 'JORDANIAN', towns: ['AMMAN', 'IRBID'] },
  { code: 'GEO', name: 'GEORGIA', nationality: 'GEORGIAN', towns: ['TBILISI', 'BATUMI'] },
];

export function stateByCode(code: string): IcaoState {
  const state = ICAO_STATES.find((s) => s.code === code);
  if (!state) throw new RangeError(`unknown ICAO state code ${code}`);
  return state;
}
