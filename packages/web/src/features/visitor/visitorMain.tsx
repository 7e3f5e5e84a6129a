import { mountPublicPage } from '../publicPage/publicLoad';
import { VisitorPage } from './VisitorPage';
import '../publicPage/publicPage.css';
import './visitor.css';

/** The public visitor page: plain React, no UI library, no session. */
mountPublicPage('/v/', (token) => <VisitorPage token={token} />);
