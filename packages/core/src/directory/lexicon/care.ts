/** Care: children, elders, people with disabilities and those who care for them. */
export const care = `
## services
childcare,child care,daycare,day care,babysitter,babysitting=guarderia,cuidado de ninos,cuidado infantil,ninera,quien me cuide a los ninos,estancia infantil@mx,guarde@cb,cuidar ninos,nana
child care subsidy,child care assistance=ayuda para pagar la guarderia,subsidio de guarderia
after school care=cuidado despues de la escuela
elder care,senior care,aging,older adults,seniors,elderly,elders=cuidado de ancianos,cuidado de adultos mayores,ancianos,adultos mayores,personas mayores,tercera edad,viejitos,abuelitos,ancianas
senior center=centro para personas mayores,centro de la tercera edad,centro de ancianos,casa del abuelo
caregiver,caregivers,family caregiver,caregiving=cuidador,cuidadora,cuidadores,cuidador familiar,cuido a mi mama,cuido a mi papa,cuidando a un familiar
respite,respite care=descanso para cuidadores,relevo,cuidado de relevo
in home care,home care,home health,personal care,ihss=cuidado en casa,cuidado en el hogar,ayuda en casa,servicios en el hogar,cuidado personal,asistente en casa
adult day care,adult day health=guarderia para adultos,centro de dia para adultos,centro de dia
nursing home,assisted living,long term care=asilo,hogar de ancianos,casa de reposo,residencia de ancianos,vivienda asistida,cuidado a largo plazo
hospice,palliative care,end of life=hospicio,cuidados paliativos,fin de vida,enfermo terminal
dementia,alzheimers,memory loss=demencia,alzheimer,perdida de memoria,olvido
developmental disabilities,intellectual disability,early intervention,regional center,developmental delay=discapacidad del desarrollo,discapacidad intelectual,intervencion temprana,centro regional,retraso en el desarrollo
foster care,kinship care,grandparents raising grandchildren,relative caregiver=cuidado de crianza,hogar temporal,abuelos criando nietos,familiares cuidando ninos,hogar sustituto
adoption=adopcion,adoptar
friendly visitor,phone check in,companionship=visitas amistosas,llamadas de compania
pets,pet care,spay,neuter,vet,veterinarian=mascotas,perro,gato,esterilizar,castrar,veterinario
social connection,community events,meet people=convivencia,conocer gente,actividades comunitarias
`;
