import type { Segment } from '@syncengage/contracts';

export interface MessageTemplate {
  subject: string;
  /** ICU MessageFormat; variables: name, percent (0..1), code. */
  text: string;
}

export interface CampaignVariant {
  name: string;
  weight: number;
  /** 0 means no discount (VIP: exclusives, not blanket discounts). */
  discountPercent: number;
  templates: Record<string, MessageTemplate>;
}

export interface Campaign {
  id: string;
  version: number;
  segment: Segment;
  variants: CampaignVariant[];
}

const t = (subject: string, text: string): MessageTemplate => ({ subject, text });

/** The seed's per-segment logic as default campaigns; growth teams override them with their own definitions. */
export const DEFAULT_CAMPAIGNS: readonly Campaign[] = [
  {
    id: 'vip-early-access',
    version: 1,
    segment: 'VIP',
    variants: [
      {
        name: 'VariantA', weight: 1, discountPercent: 0,
        templates: {
          en: t('Early access, just for you', 'Hi {name}, our new collection is yours to see before anyone else.'),
          es: t('Acceso anticipado, solo para ti', 'Hola {name}, nuestra nueva colección es tuya antes que de nadie.'),
          fr: t('Accès anticipé, rien que pour vous', 'Bonjour {name}, notre nouvelle collection est à vous avant tout le monde.'),
        },
      },
      {
        name: 'VariantB', weight: 1, discountPercent: 0,
        templates: {
          en: t('A private preview', '{name}, as one of our best customers you are invited to a private preview.'),
          es: t('Una vista previa privada', '{name}, como uno de nuestros mejores clientes, te invitamos a una vista previa privada.'),
          fr: t('Une avant-première privée', '{name}, en tant que client privilégié, vous êtes invité à une avant-première privée.'),
        },
      },
    ],
  },
  {
    id: 'at-risk-win-back',
    version: 1,
    segment: 'At-Risk',
    variants: [
      {
        name: 'VariantA', weight: 1, discountPercent: 10,
        templates: {
          en: t('We miss you', 'Hi {name}, come back for {percent, number, ::percent} off with code {code}.'),
          es: t('Te echamos de menos', 'Hola {name}, vuelve con un {percent, number, ::percent} de descuento con el código {code}.'),
          fr: t('Vous nous manquez', 'Bonjour {name}, revenez avec {percent, number, ::percent} de réduction avec le code {code}.'),
        },
      },
      {
        name: 'VariantB', weight: 1, discountPercent: 20,
        templates: {
          en: t('A gift to welcome you back', '{name}, here is {percent, number, ::percent} off your next order: {code}.'),
          es: t('Un regalo para tu regreso', '{name}, aquí tienes un {percent, number, ::percent} de descuento en tu próximo pedido: {code}.'),
          fr: t('Un cadeau pour votre retour', '{name}, voici {percent, number, ::percent} de réduction sur votre prochaine commande : {code}.'),
        },
      },
    ],
  },
  {
    id: 'new-onboarding',
    version: 1,
    segment: 'New',
    variants: [
      {
        name: 'VariantA', weight: 1, discountPercent: 0,
        templates: {
          en: t('Welcome aboard', 'Welcome {name}! Here is how to get the most from your first weeks with us.'),
          es: t('Bienvenido', '¡Bienvenido, {name}! Así sacarás el máximo partido a tus primeras semanas con nosotros.'),
          fr: t('Bienvenue', 'Bienvenue {name} ! Voici comment profiter au mieux de vos premières semaines.'),
        },
      },
    ],
  },
  {
    id: 'dormant-reactivation',
    version: 1,
    segment: 'Dormant',
    variants: [
      {
        name: 'VariantA', weight: 1, discountPercent: 15,
        templates: {
          en: t('It has been a while', 'Hi {name}, it has been a while. Take {percent, number, ::percent} off with {code}.'),
          es: t('Ha pasado un tiempo', 'Hola {name}, ha pasado un tiempo. Llévate un {percent, number, ::percent} con {code}.'),
          fr: t('Cela fait longtemps', 'Bonjour {name}, cela fait longtemps. Profitez de {percent, number, ::percent} avec {code}.'),
        },
      },
    ],
  },
];

export function campaignForSegment(campaigns: readonly Campaign[], segment: Segment): Campaign | undefined {
  return campaigns.find((campaign) => campaign.segment === segment);
}
