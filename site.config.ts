import { defineConfig } from 'awning';

// The example site: a fictional massage studio with two locations.
// Every key is optional except title and baseUrl; README lists them all with their defaults.
export default defineConfig({
  title: 'Juniper & Stone Massage',
  baseUrl: 'https://juniperstone.example.com/',
  language: 'en',
  timeZone: 'America/New_York',
  postsPerPage: 6,
  relatedPosts: 3,
  hours: { clock: '12h', upcomingDays: 60 },
  business: { type: 'DaySpa' },
  contactForm: { action: 'https://forms.example.com/juniper-stone' },
});
