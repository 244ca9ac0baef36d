/** Names, countries and phone shapes per locale for the demo profiles. Phone numbers use fictional ranges where one exists. */
export interface LocaleProfileData {
  locale: string;
  country: string;
  firstNames: readonly string[];
  lastNames: readonly string[];
  /** E.164 country calling code and a function of 0..1 random draws giving the national significant number. */
  callingCode: string;
  nationalNumber: (digit: () => number) => string;
}

const digits = (digit: () => number, count: number): string => Array.from({ length: count }, digit).join('');

export const LOCALE_PROFILES: ReadonlyArray<readonly [LocaleProfileData, number]> = [
  [{
    locale: 'en', country: 'GB', callingCode: '44',
    firstNames: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Noah', 'Emily', 'Jack', 'Sophie'],
    lastNames: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Walker'],
    // Ofcom reserves 07700 900000–900999 for drama: never a real subscriber.
    nationalNumber: (digit) => `7700900${digits(digit, 3)}`,
  }, 30],
  [{
    locale: 'en-US', country: 'US', callingCode: '1',
    firstNames: ['James', 'Mary', 'Michael', 'Patricia', 'Robert', 'Jennifer', 'David', 'Linda', 'William', 'Elizabeth'],
    lastNames: ['Johnson', 'Miller', 'Davis', 'Garcia', 'Rodriguez', 'Martinez', 'Anderson', 'Jackson', 'White', 'Harris'],
    // 555-0100 to 555-0199 are reserved for fiction in every area code.
    nationalNumber: (digit) => `${2 + Math.floor(digit() * 0.8)}${digits(digit, 2)}55501${digits(digit, 2)}`,
  }, 20],
  [{
    locale: 'es', country: 'ES', callingCode: '34',
    firstNames: ['Lucía', 'Hugo', 'Martina', 'Mateo', 'Sofía', 'Martín', 'María', 'Pablo', 'Julia', 'Álvaro'],
    lastNames: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz'],
    nationalNumber: (digit) => `6${digits(digit, 8)}`,
  }, 12],
  [{
    locale: 'es-MX', country: 'MX', callingCode: '52',
    firstNames: ['Santiago', 'Valentina', 'Sebastián', 'Regina', 'Diego', 'Ximena', 'Emiliano', 'Camila', 'Leonardo', 'Renata'],
    lastNames: ['Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz'],
    nationalNumber: (digit) => `55${digits(digit, 8)}`,
  }, 12],
  [{
    locale: 'fr', country: 'FR', callingCode: '33',
    firstNames: ['Gabriel', 'Louise', 'Raphaël', 'Jade', 'Léo', 'Ambre', 'Louis', 'Alice', 'Jules', 'Chloé'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'],
    nationalNumber: (digit) => `6${digits(digit, 8)}`,
  }, 12],
  [{
    locale: 'de', country: 'DE', callingCode: '49',
    firstNames: ['Ben', 'Emma', 'Paul', 'Mia', 'Leon', 'Hannah', 'Finn', 'Lea', 'Elias', 'Lina'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann'],
    nationalNumber: (digit) => `15${digits(digit, 9)}`,
  }, 8],
  [{
    locale: 'pt-BR', country: 'BR', callingCode: '55',
    firstNames: ['Miguel', 'Helena', 'Arthur', 'Alice', 'Heitor', 'Laura', 'Bernardo', 'Manuela', 'Davi', 'Valentina'],
    lastNames: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes'],
    nationalNumber: (digit) => `119${digits(digit, 8)}`,
  }, 6],
];
